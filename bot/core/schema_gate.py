"""A fast "this document conforms" for the JSON Schema keywords faq/schema/ uses.

jsonschema walks every value of every entry through its general machinery: at ten times
today's FAQ that is most of a second, spent to find nothing in a valid FAQ. The gate
compiles a schema once into plain Python checks and answers only "conforms" or "not
sure". "Conforms" means jsonschema would report no error; "not sure" sends the document to
jsonschema, which says what is wrong and where, exactly as before. So each check below is
as strict as jsonschema's rule or stricter, never looser, and a schema using any keyword
the gate does not know gets no gate at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sized
from typing import Any

Check = Callable[[Any], bool]

# Words that describe or hold schemas and assert nothing themselves.
_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description", "examples",
                "default", "deprecated", "readOnly", "writeOnly"}
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    # Stricter than jsonschema, which also takes 1.0 as an integer: fine for a gate.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


class _Unknown(Exception):
    """The schema uses a keyword (or a form of one) the gate does not check."""


def compile_gate(schema: Any) -> Check | None:
    """A check that is True only for documents jsonschema finds no error in; None when
    the schema uses something the gate does not know."""
    try:
        return _Compiler(schema).check(schema)
    except _Unknown:
        return None


class _Compiler:
    def __init__(self, root: Any) -> None:
        self._root = root
        self._refs: dict[str, Check] = {}  # "#/$defs/x" → its check, once compiled

    def check(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise _Unknown
        checks = [self._keyword(k, w, schema) for k, w in schema.items() if k not in _ANNOTATIONS]
        return checks[0] if len(checks) == 1 else _all_of(checks)

    def _keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check:
        build = _KEYWORDS.get(key)
        if build is None:
            raise _Unknown
        return build(self, value, schema)

    def ref(self, target: Any, _: dict[str, Any]) -> Check:
        if not isinstance(target, str) or not target.startswith("#/") or any(
                c in target for c in "~%"):  # escaped pointers: leave them to jsonschema
            raise _Unknown
        if target not in self._refs:
            self._refs[target] = lambda v: False  # a loop back here while compiling: unsure
            node = self._root
            for step in target[2:].split("/"):
                if not isinstance(node, dict) or step not in node:
                    raise _Unknown
                node = node[step]
            found = self.check(node)
            self._refs[target] = found
        refs = self._refs
        return lambda v: refs[target](v)

    def type(self, names: Any, _: dict[str, Any]) -> Check:
        wanted = [names] if isinstance(names, str) else names
        if not isinstance(wanted, list) or any(n not in _TYPES for n in wanted):
            raise _Unknown
        tests = [_TYPES[n] for n in wanted]
        return tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests)

    def properties(self, props: Any, _: dict[str, Any]) -> Check:
        if not isinstance(props, dict):
            raise _Unknown
        named = [(k, self.check(s)) for k, s in props.items()]
        return lambda v: not isinstance(v, dict) or all(c(v[k]) for k, c in named if k in v)

    def additional(self, extra: Any, schema: dict[str, Any]) -> Check:
        if "patternProperties" in schema:
            raise _Unknown
        declared = frozenset(schema.get("properties") or ())
        if extra is False:
            return lambda v: not isinstance(v, dict) or declared.issuperset(v)
        check = self.check(extra)
        return lambda v: not isinstance(v, dict) or all(
            check(x) for k, x in v.items() if k not in declared)

    def required(self, names: Any, _: dict[str, Any]) -> Check:
        if not isinstance(names, list):
            raise _Unknown
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)

    def property_names(self, names: Any, _: dict[str, Any]) -> Check:
        check = self.check(names)
        return lambda v: not isinstance(v, dict) or all(map(check, v))

    def items(self, item: Any, schema: dict[str, Any]) -> Check:
        if "prefixItems" in schema or isinstance(item, list):
            raise _Unknown
        check = self.check(item)
        return lambda v: not isinstance(v, list) or all(map(check, v))

    def pattern(self, regex: Any, _: dict[str, Any]) -> Check:
        if not isinstance(regex, str):
            raise _Unknown
        search = re.compile(regex).search  # jsonschema searches, it does not match
        return lambda v: not isinstance(v, str) or search(v) is not None

    def enum(self, options: Any, _: dict[str, Any]) -> Check:
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            raise _Unknown
        allowed = frozenset(options)
        return lambda v: isinstance(v, str) and v in allowed


def _all_of(checks: list[Check]) -> Check:
    def check(v: Any) -> bool:
        for one in checks:  # a loop, not all(...): no generator per value
            if not one(v):
                return False
        return True

    return check


def _size(kind: type[Sized], at_least: bool) -> Callable[[_Compiler, Any, dict[str, Any]], Check]:
    """minLength/maxLength (str), minItems/maxItems (list), minProperties (dict)."""

    def build(_: _Compiler, limit: Any, __: dict[str, Any]) -> Check:
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise _Unknown
        if at_least:
            return lambda v: not isinstance(v, kind) or len(v) >= limit
        return lambda v: not isinstance(v, kind) or len(v) <= limit

    return build


def _bound(at_least: bool) -> Callable[[_Compiler, Any, dict[str, Any]], Check]:
    """minimum/maximum: numbers only (a bool is no number to jsonschema: unsure here)."""

    def build(_: _Compiler, limit: Any, __: dict[str, Any]) -> Check:
        if not isinstance(limit, int | float) or isinstance(limit, bool):
            raise _Unknown

        def check(v: Any) -> bool:
            if isinstance(v, bool):
                return False
            if not isinstance(v, int | float):
                return True
            return v >= limit if at_least else v <= limit

        return check

    return build


_KEYWORDS: dict[str, Callable[[_Compiler, Any, dict[str, Any]], Check]] = {
    "$ref": _Compiler.ref,
    "type": _Compiler.type,
    "properties": _Compiler.properties,
    "additionalProperties": _Compiler.additional,
    "required": _Compiler.required,
    "propertyNames": _Compiler.property_names,
    "items": _Compiler.items,
    "pattern": _Compiler.pattern,
    "enum": _Compiler.enum,
    "minLength": _size(str, at_least=True),
    "maxLength": _size(str, at_least=False),
    "minItems": _size(list, at_least=True),
    "maxItems": _size(list, at_least=False),
    "minProperties": _size(dict, at_least=True),
    "minimum": _bound(at_least=True),
    "maximum": _bound(at_least=False),
}
