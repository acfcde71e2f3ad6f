"""YAML loading that keeps line numbers, so a curator is told file:line.

PyYAML's nodes carry `start_mark`; these loaders keep it on every mapping and list and
report duplicate keys, which plain `safe_load` silently overwrites.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from bot.core.problems import Problem


class MarkedDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class MarkedList(list[Any]):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


# libyaml's parser when PyYAML was built with it: ten times faster on a large FAQ, and its
# nodes carry the same marks. The constructors below run in Python either way.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkedLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


# Dates stay text ("2026-11-22"): the schema checks their shape and the validator parses
# them, so a curator's 2026-13-01 is reported at its line instead of failing the parser.
_MarkedLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _MarkedLoader, node: MappingNode) -> MarkedDict:
    result = MarkedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DuplicateKeyError(
                problem=f"khóa '{key}' bị lặp lại trong cùng một mục",
                problem_mark=key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _MarkedLoader, node: SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_marked(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; broken YAML becomes a Problem, never a traceback."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(display, 1, "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8")]
    except OSError as exc:
        return None, [Problem(display, 1, f"không đọc được tệp ({exc.strerror})")]
    try:
        return yaml.load(text, Loader=_MarkedLoader), []  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(exc, display, text)]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, f"YAML không hợp lệ: {exc}")]


def _yaml_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    raw = f"{exc.problem or ''} {exc.context or ''}"
    if isinstance(exc, DuplicateKeyError):
        return Problem(display, line, f"{exc.problem}; xóa một trong hai dòng")
    lines = text.splitlines()
    if "\t" in (lines[line - 1] if 0 < line <= len(lines) else "") or "'\\t'" in raw:
        return Problem(display, line, "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề")
    hint = _hint(raw)
    return Problem(display, line, f"YAML không hợp lệ ({' '.join(raw.split())}); {hint}")


def _hint(raw: str) -> str:
    if "flow" in raw or "expected ',' or ']'" in raw or "expected ',' or '}'" in raw:
        return "kiểm tra dấu ngoặc [ ] hoặc { } đã đóng đủ chưa"
    if "mapping values are not allowed" in raw:
        return "có dấu ':' trong văn bản; hãy đặt cả câu trong dấu ngoặc kép \"...\""
    if "indentation" in raw or "expected <block end>" in raw:
        return "kiểm tra thụt lề: các dòng cùng cấp phải thẳng hàng, mỗi cấp 2 dấu cách"
    if "quoted scalar" in raw:
        return "có dấu ngoặc kép chưa đóng"
    return "sửa dòng này theo mẫu trong faq/README.md"
