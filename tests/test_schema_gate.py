"""The schema gate says "conforms" only where jsonschema finds no error.

A wrong "conforms" would hide a curator's mistake from `validate`; a wrong "not sure" only
costs time. So: the gate agrees with jsonschema on the real files and on every way of
breaking them in the table, never says "conforms" where jsonschema finds an error on any
mutation hypothesis tries, and stands aside for schemas it cannot read.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from bot.core.schema_gate import compile_gate
from bot.core.yaml_marks import load_marked
from tests.conftest import ROOT

FAQ = ROOT / "faq"
SCHEMAS = FAQ / "schema"
# Each schema with one real file it describes.
DOCUMENTS = {
    "entries": FAQ / "ban-than.yaml",
    "topics": FAQ / "topics.yaml",
    "glossary": FAQ / "glossary.yaml",
    "reading": FAQ / "reading.yaml",
    "path": FAQ / "path.yaml",
    "sources": FAQ / "sources" / "party.yaml",
    "publishers": FAQ / "sources" / "publishers.yaml",
}


def schema(name: str) -> Any:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def document(name: str) -> Any:
    """As the loader reads it (dates stay text), as plain dicts and lists."""
    data, problems = load_marked(DOCUMENTS[name], DOCUMENTS[name].name)
    assert problems == []
    return json.loads(json.dumps(data))


def conforms(name: str, data: Any) -> bool:
    return not list(Draft202012Validator(schema(name)).iter_errors(data))


def gate_says(name: str, data: Any) -> bool:
    gate = compile_gate(schema(name))
    assert gate is not None, f"faq/schema/{name}.schema.json: the gate reads every keyword"
    return gate(data)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_real_files_conform(name: str) -> None:
    data = document(name)
    assert conforms(name, data)
    assert gate_says(name, data)


ENTRY_MISTAKES = [
    ("missing-field", lambda e: e.pop("answer")),
    ("unknown-field", lambda e: e.update(anwser="...")),
    ("bad-id", lambda e: e.update(id="Tuoi vao dang")),
    ("id-too-long", lambda e: e.update(id="a" * 41)),
    ("id-not-text", lambda e: e.update(id=12)),
    ("empty-question", lambda e: e.update(question=None)),
    ("short-question", lambda e: e.update(question="ngắn")),
    ("long-question", lambda e: e.update(question="x" * 201)),
    ("no-alternates", lambda e: e.update(alternates=[])),
    ("alternates-text", lambda e: e.update(alternates="một câu")),
    ("alternate-not-text", lambda e: e["alternates"].append(3)),
    ("alternate-short", lambda e: e["alternates"].append("a")),
    ("long-answer", lambda e: e.update(answer="x" * 3001)),
    ("no-sources", lambda e: e.update(sources=[])),
    ("source-without-ref", lambda e: e["sources"][0].pop("ref")),
    ("source-extra-field", lambda e: e["sources"][0].update(page=3)),
    ("source-bad-url", lambda e: e["sources"][0].update(url="dangcongsan.vn")),
    ("source-not-mapping", lambda e: e["sources"].append("qd-294")),
    ("bad-date", lambda e: e.update(reviewed="22/11/2026")),
    ("date-not-text", lambda e: e.update(reviewed=20261122)),
    ("five-related", lambda e: e.update(related=["a", "b", "c", "d", "e"])),
    ("related-not-text", lambda e: e.update(related=[1])),
    ("non-text-key", lambda e: e.update({1: "x"})),
]


@pytest.mark.parametrize("mistake", [m for _, m in ENTRY_MISTAKES],
                         ids=[i for i, _ in ENTRY_MISTAKES])
def test_every_entry_mistake_goes_to_jsonschema(mistake: Any) -> None:
    entries = document("entries")
    mistake(entries[1])
    assert not conforms("entries", entries)
    assert not gate_says("entries", entries)


OTHER_MISTAKES = [
    ("topics", lambda d: d[0].update(id="Sai")),
    ("topics", lambda d: d.clear()),
    ("glossary", lambda d: d.update(abbreviations={"dv": "  "})),
    ("glossary", lambda d: d["fillers"].append(None)),
    ("glossary", lambda d: d.update(extra=[])),
    ("reading", lambda d: d["relations"].update({"Bố Mẹ": ["bố"]})),
    ("reading", lambda d: d["question_cues"].update(ending=[""])),
    ("sources", lambda d: d[next(iter(d))].update(kind="blog")),
    ("sources", lambda d: d.update({"Sai Khoa": {"kind": "law", "title": "abc", "url": "x"}})),
    ("sources", lambda d: d.update({"k" * 41: {"kind": "law", "title": "abc", "url": "x"}})),
    ("publishers", lambda d: d.update({"127.0.0.1": "official"})),
    ("publishers", lambda d: d.update({"example.vn": "trusted"})),
    ("publishers", lambda d: d.clear()),
    ("path", lambda d: d.update(steps=[])),
]


@pytest.mark.parametrize(("name", "mistake"), OTHER_MISTAKES,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(OTHER_MISTAKES)])
def test_mistakes_in_the_other_files_go_to_jsonschema(name: str, mistake: Any) -> None:
    data = document(name)
    mistake(data)
    assert not conforms(name, data)
    assert not gate_says(name, data)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=3),
    max_leaves=6,
)
_ENTRIES = document("entries")[:2]
FIELDS = ["id", "topic", "question", "alternates", "answer", "sources", "reviewed", "related",
          "extra"]


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(FIELDS), value=JSON, drop=st.booleans())
def test_the_gate_never_passes_what_jsonschema_rejects(field: str, value: Any,
                                                       drop: bool) -> None:
    entries = copy.deepcopy(_ENTRIES)
    if drop:
        entries[0].pop(field, None)
    else:
        entries[0][field] = value
    if gate_says("entries", entries):
        assert conforms("entries", entries)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(DOCUMENTS)), value=JSON)
def test_the_gate_never_passes_a_random_document_jsonschema_rejects(name: str,
                                                                    value: Any) -> None:
    if gate_says(name, value):
        assert conforms(name, value)


@pytest.mark.parametrize("unknown", [
    {"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
    {"type": "array", "prefixItems": [{"type": "string"}]},
    {"type": "object", "patternProperties": {"^x": {"type": "string"}},
     "additionalProperties": False},
    {"$ref": "https://example.com/other.schema.json"},
    {"type": "string", "format": "date"},
    {"type": "strnig"},
])
def test_a_schema_the_gate_cannot_read_gets_no_gate(unknown: dict[str, Any]) -> None:
    assert compile_gate(unknown) is None


def test_a_recursive_ref_is_followed() -> None:
    looped = {"$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
              "$ref": "#/$defs/node"}
    gate = compile_gate(looped)
    assert gate is not None
    assert gate([[[]], []]) and not gate([[1]])
