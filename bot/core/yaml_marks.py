"""YAML loading that keeps line numbers, so a curator is told file:line.

PyYAML's nodes carry `start_mark`; these loaders keep it on every mapping and list and
report duplicate keys, which plain `safe_load` silently overwrites.

Anchors and aliases (`&a`, `*a`) have no use in a curated FAQ and make a "billion laughs"
bomb: ten nested aliases are a few lines of text and billions of strings once built. The
parser composes an alias as the very node it names, so the node graph stays as small as the
text; it is checked for a node reached twice before anything is built from it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.problems import Problem

MAX_FILE_BYTES = 2_000_000  # 20 times the largest curated file: anything bigger is a mistake
ALIAS_ADVICE = ("không dùng neo '&' và bí danh '*' của YAML trong FAQ; hãy chép đầy đủ nội "
                "dung vào từng chỗ cần dùng")


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


_STR = "tag:yaml.org,2002:str"


def _construct(loader: _MarkedLoader, node: Node) -> Any:
    """A string as it is: what the loader's string constructor returns, without its
    bookkeeping per node (most of a FAQ's nodes are strings). Anything else, the loader's."""
    if node.tag == _STR and isinstance(node, ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader: _MarkedLoader, node: MappingNode) -> MarkedDict:
    result = MarkedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if key in result:
            raise DuplicateKeyError(
                problem=f"khóa '{key}' bị lặp lại trong cùng một mục",
                problem_mark=key_node.start_mark,
            )
        result[key] = _construct(loader, value_node)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _MarkedLoader, node: SequenceNode) -> MarkedList:
    result = MarkedList(_construct(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_marked(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; broken YAML becomes a Problem, never a traceback."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(display, 1, f"tệp lớn hơn {MAX_FILE_BYTES // 1_000_000} MB; "
                                              "hãy tách thành nhiều tệp nhỏ")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(display, 1, "tệp không phải UTF-8; hãy lưu lại với bảng mã UTF-8")]
    except OSError as exc:
        return None, [Problem(display, 1, f"không đọc được tệp ({exc.strerror})")]
    loader = _MarkedLoader(text)  # a SafeLoader subclass
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if "&" in text and _reuses_a_node(node):  # no anchor, no alias: nothing to walk
            return None, [Problem(display, _alias_line(text), ALIAS_ADVICE)]
        return loader.construct_document(node), []
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(exc, display, text)]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, f"YAML không hợp lệ: {exc}")]
    except RecursionError:
        return None, [Problem(display, 1, "các mục lồng nhau quá sâu; viết lại theo mẫu trong "
                                          "faq/README.md")]
    finally:
        loader.dispose()


def _reuses_a_node(root: Node) -> bool:
    """True when a node is reached twice: an alias. Each node is visited once, so a bomb
    costs as little as its text."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return False


def _alias_line(text: str) -> int:
    """The line of the first anchor or alias (the parser's events carry both)."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)) and (
                event.start_mark is not None):
            return int(event.start_mark.line) + 1
    return 1


def _yaml_problem(exc: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    raw = " ".join(f"{exc.problem or ''} {exc.context or ''}".split())
    if isinstance(exc, DuplicateKeyError):
        return Problem(display, line, f"{exc.problem}; xóa một trong hai dòng")
    lines = text.splitlines()
    if "\t" in _at(lines, line) or "'\\t'" in raw:
        return Problem(display, line, "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề")
    context = exc.context_mark.line + 1 if exc.context_mark else line
    found = _diagnose(raw, lines, line, context)
    if found is not None:
        return Problem(display, found[0], found[1])
    return Problem(display, line, f"YAML không hợp lệ ({raw}); sửa dòng này theo mẫu trong "
                                  "faq/README.md")


def _diagnose(raw: str, lines: list[str], line: int, context: int) -> tuple[int, str] | None:
    """The usual curator's mistake behind a parser error: where it is and how to fix it.
    The parser often notices a line or more later; the mistake is where the text says."""
    if "quoted scalar" in raw:  # reported at the end of the file, opened at `context`
        return context, ("dấu ngoặc kép mở ở dòng này chưa đóng; thêm dấu ngoặc kép ở cuối "
                         "câu, hoặc bỏ cả hai")
    if "flow sequence" in raw or "flow mapping" in raw:
        return context, "dấu ngoặc '[' hoặc '{' ở dòng này chưa đóng; thêm ']' hoặc '}' ở cuối"
    indent = _indentation(lines, line)
    if indent is not None:
        return line, indent
    if "mapping values are not allowed" in raw:
        return line, _colon_advice(_at(lines, line))
    if "could not find expected ':'" in raw:
        return context, _simple_key_advice(_at(lines, context))
    if "expected '-' indicator" in raw:
        return line, ("thiếu '- ' ở đầu dòng: mỗi mục của danh sách bắt đầu bằng '- ' như "
                      "'- id: ...'")
    if "expected key" in raw and _at(lines, line).lstrip().startswith("-"):
        return _first_without_dash(lines, line), (
            "thiếu '- ' ở đầu dòng: mọi phần tử của danh sách này bắt đầu bằng '- ', các "
            "dòng tiếp theo của phần tử thụt thêm 2 dấu cách")
    return None


def _at(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _spaces(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _indentation(lines: list[str], line: int) -> str | None:
    """Advice when `line` is indented by an odd number of spaces (every level is 2)."""
    here = _spaces(_at(lines, line))
    if here % 2 == 0 or not _at(lines, line).strip():
        return None
    above = next((n for n in range(line - 1, 0, -1) if _at(lines, n).strip()), 0)
    previous = _at(lines, above)
    key_column = _spaces(previous) + (2 if previous.lstrip().startswith("- ") else 0)
    wanted = key_column + 2 if previous.rstrip().endswith(":") else key_column
    return (f"thụt lề sai: dòng này có {here} dấu cách, cần {wanted} cho thẳng hàng với dòng "
            f"{above}; mỗi cấp thụt 2 dấu cách")


def _colon_advice(text: str) -> str:
    value = text.split(": ", 1)[-1].strip()
    if value[:1] in "“”‘’":
        return ("dấu ngoặc kép cong “ ” không có tác dụng trong YAML; dùng ngoặc kép thẳng "
                '"..." bao cả câu (câu có dấu \':\')')
    return "có dấu ':' trong văn bản; hãy đặt cả câu trong dấu ngoặc kép \"...\""


def _simple_key_advice(text: str) -> str:
    stripped = text.strip()
    if re.match(r"(?:-\s+)?[A-Za-z_]+:\S", stripped):
        return "thiếu dấu cách sau dấu ':'; viết 'tên: giá trị'"
    if re.match(r"-[^\s-]", stripped):
        return "thiếu dấu cách sau dấu '-'; viết '- nội dung'"
    return ("dòng này là phần tiếp của văn bản ở trên nhưng thụt lề chưa đủ: thụt vào sâu hơn "
            "tên trường ở trên (thêm 2 dấu cách), hoặc nối vào dòng trên")


def _first_without_dash(lines: list[str], line: int) -> int:
    """The first of the lines above `line`, at its indentation, that lack the '- '."""
    indent, first = _spaces(_at(lines, line)), line
    for n in range(line - 1, 0, -1):
        text = _at(lines, n)
        if not text.strip():
            continue
        if _spaces(text) != indent or text.lstrip().startswith("-"):
            break
        first = n
    return first
