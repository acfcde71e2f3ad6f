"""faq/path.yaml: the admission path as data, checked against the FAQ, and its text version.

The picture (bot/tg/path_image.py), the text version and the /lotrinh buttons all come from
this one file. Each step links the entry that explains it, and the rules below keep the two
in agreement: the entry exists, the step's sources are cited by the entry, and every number
the step shows (a deadline, a "2/3") is written in the entry's answer too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core import schema_check
from bot.core.markup import to_plain
from bot.core.model import Document, Faq
from bot.core.problems import FaqError, Problem
from bot.core.raw_faq import RawFaq, display_path
from bot.core.yaml_marks import MarkedDict, load_marked

PATH_FILE = "path.yaml"
SCHEMA_FILE = Path("schema") / "path.schema.json"
HEDGE_MARK = "(*)"
_NUMBER = re.compile(r"\d+(?:/\d+)?")


@dataclass(frozen=True, slots=True)
class Deadline:
    amount: int
    unit: str
    after: str
    hedged: bool = False

    @property
    def text(self) -> str:
        """'60 ngày làm việc kể từ nghị quyết của chi bộ (*)'."""
        mark = f"\u00a0{HEDGE_MARK}" if self.hedged else ""  # no-break: never alone on a line
        return f"{self.amount} {self.unit} kể từ {self.after}{mark}"


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    label: str
    actor: str
    entry_id: str
    sources: tuple[Document, ...]
    deadline: Deadline | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AdmissionPath:
    title: str
    reviewed: dt.date
    steps: tuple[Step, ...]
    digest: str  # of path.yaml and the source labels it shows: a new digest, a new picture

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every cited document once, in order of first use; rules in force first."""
        seen = {d.key: d for s in self.steps for d in s.sources}
        return tuple(sorted(seen.values(), key=lambda d: not d.is_in_force_rule))

    @property
    def older(self) -> tuple[Document, ...]:
        """The superseded rules that hedged deadlines were read in."""
        hedged = [s for s in self.steps if s.deadline is not None and s.deadline.hedged]
        found = {d.key: d for s in hedged for d in s.sources if d.status == "superseded"}
        return tuple(found.values())


@dataclass(frozen=True, slots=True)
class Linked:
    """What the rules need to know about an entry a step links."""

    answer: str
    docs: frozenset[str]


# --- text shared by the picture, the caption and the text version ---------------------------


def document_label(doc: Document) -> str:
    """'294-QĐ/TW (2025)', 'Điều lệ Đảng (2011)'."""
    name = doc.number or doc.title
    return f"{name} ({doc.date.year})" if doc.date else name


def sources_line(path: AdmissionPath) -> str:
    in_force = [document_label(d) for d in path.documents if d.is_in_force_rule]
    return "Nguồn: " + ", ".join(in_force)


def hedge_line(path: AdmissionPath) -> str:
    """Empty when no deadline is hedged."""
    if not path.older:
        return ""
    older = ", ".join(f"{d.number or d.title}" + (f" năm {d.date.year}" if d.date else "")
                      for d in path.older)
    return (f"{HEDGE_MARK} Thời hạn có trong quy định trước ({older}); "
            "hãy hỏi chi bộ để chắc chắn theo quy định hiện hành.")


def updated_line(path: AdmissionPath) -> str:
    return f"cập nhật {path.reviewed:%d/%m/%Y}"


def path_text(path: AdmissionPath) -> str:
    """The same path as text, in the FAQ's light marks (**bold**, '- ' bullets)."""
    lines = [f"**{path.title}**", ""]
    for number, step in enumerate(path.steps, 1):
        lines.append(f"**{number}. {step.label}**")
        lines.append(f"- Ai làm: {step.actor}")
        if step.note:
            lines.append(f"- {step.note}")
        if step.deadline is not None:
            lines.append(f"- Thời hạn: {step.deadline.text}")
    lines.append("")
    if hedge_line(path):
        lines.append(hedge_line(path))
    lines.append(f"{sources_line(path)} — {updated_line(path)}.")
    return "\n".join(lines)


def number_in(number: str, answer: str) -> bool:
    plain = to_plain(answer)
    return re.search(rf"(?<![\d/]){re.escape(number)}(?![\d/])", plain) is not None


# --- loading and checking ---------------------------------------------------------------------


def check_raw(faq_dir: Path, raw: RawFaq) -> list[Problem]:
    """The rules for faq/path.yaml, for `read_faq` (no path.yaml: nothing to check)."""
    entries = {
        str(e.data.get("id")): Linked(
            str(e.data.get("answer", "")),
            frozenset(str(s.get("doc")) for s in e.data.get("sources") or ()),
        )
        for e in raw.entries
    }
    status = {key: loc.data.get("status") for key, loc in raw.documents.items()}
    _, problems = _read(faq_dir, entries, status)
    return problems


def load_path(faq_dir: Path, faq: Faq) -> AdmissionPath | None:
    """The path for a loaded FAQ; None without path.yaml; FaqError when it is broken."""
    entries = {e.id: Linked(e.answer, frozenset(c.document.key for c in e.sources))
               for e in faq.entries}
    documents = {d.key: d for d in faq.documents}
    raw_path = faq_dir / PATH_FILE
    data, problems = _read(faq_dir, entries, {k: d.status for k, d in documents.items()})
    if problems:
        raise FaqError(problems)
    if data is None:
        return None
    return _build(data, documents, raw_path.read_bytes())


def _read(
    faq_dir: Path, entries: Mapping[str, Linked], status: Mapping[str, Any]
) -> tuple[MarkedDict | None, list[Problem]]:
    path = faq_dir / PATH_FILE
    if not path.exists():
        return None, []
    display = display_path(path)
    data, problems = load_marked(path, display)
    if problems:
        return None, problems
    problems = schema_check.check(data, faq_dir / SCHEMA_FILE, display)
    if problems or not isinstance(data, MarkedDict):
        return None, problems or [Problem(display, 1, "tệp trống")]
    problems = _rules(data, display, entries, status)
    return (None if problems else data), problems


def _rules(
    data: MarkedDict, display: str, entries: Mapping[str, Linked], status: Mapping[str, Any]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for step in data["steps"]:
        if step["id"] in seen:
            problems.append(Problem(display, step.line_of("id"),
                                    f"bước '{step['id']}' bị lặp; mỗi bước một id riêng"))
        seen.add(step["id"])
        problems += [Problem(display, line, message)
                     for line, message in _step_rules(step, entries, status)]
    if not _date_ok(data["reviewed"]):
        problems.append(Problem(display, data.line_of("reviewed"),
                                f"ngày '{data['reviewed']}' không có thật"))
    return problems


def _step_rules(
    step: MarkedDict, entries: Mapping[str, Linked], status: Mapping[str, Any]
) -> list[tuple[int, str]]:
    """(line, message) for each rule the step breaks."""
    found: list[tuple[int, str]] = []
    entry_id = step["entry"]
    linked = entries.get(entry_id)
    if linked is None:
        found.append((step.line_of("entry"),
                      f"không có mục hỏi đáp '{entry_id}'; sửa thành id của một mục"))
    for key in step["sources"]:
        if key not in status:
            found.append((step.line_of("sources"),
                          f"không có văn bản '{key}' trong faq/sources/; sửa khóa"))
        elif linked is not None and key not in linked.docs:
            found.append((step.line_of("sources"), (
                f"mục '{entry_id}' không trích '{key}'; thêm nguồn đó vào mục, hoặc bỏ khỏi "
                "bước này")))
    shown = [(step.line_of("note"), str(step.get("note", "")))]
    deadline = step.get("deadline")
    if isinstance(deadline, MarkedDict):
        shown += [(deadline.line_of("amount"), str(deadline["amount"])),
                  (deadline.line_of("after"), str(deadline["after"]))]
    for line, text in shown:
        for number in _NUMBER.findall(text):
            if linked is not None and not number_in(number, linked.answer):
                found.append((line, (
                    f"số '{number}' không có trong câu trả lời của mục '{entry_id}'; hình và "
                    "chữ phải khớp: sửa một trong hai")))
    read_in_older = any(status.get(k) == "superseded" for k in step["sources"])
    if isinstance(deadline, MarkedDict) and deadline.get("hedged") and not read_in_older:
        found.append((deadline.line_of("hedged"), (
            "thời hạn 'hedged: true' phải trích cả văn bản cũ (status: superseded) có con số đó")))
    return found


def _deadline(raw: Any) -> Deadline | None:
    if not raw:
        return None
    return Deadline(int(raw["amount"]), str(raw["unit"]), str(raw["after"]),
                    bool(raw.get("hedged", False)))


def _date_ok(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _build(data: MarkedDict, documents: Mapping[str, Document], content: bytes) -> AdmissionPath:
    steps = tuple(
        Step(s["id"], s["label"].strip(), s["actor"].strip(), s["entry"],
             tuple(documents[k] for k in s["sources"]), _deadline(s.get("deadline")),
             s.get("note", "").strip())
        for s in data["steps"]
    )
    labels = "\n".join(f"{d.key}={document_label(d)}|{d.status}" for s in steps
                       for d in s.sources)
    digest = hashlib.sha256(content + b"\0" + labels.encode("utf-8")).hexdigest()
    return AdmissionPath(data["title"].strip(), dt.date.fromisoformat(data["reviewed"]),
                         steps, digest)
