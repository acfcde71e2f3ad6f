"""JSON Schema checks of the YAML, reported to curators in Vietnamese at file:line.

The schemas in faq/schema/ are the single source of the structural rules: editors use them
as curators type, and `validate` uses the same files.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from bot.core.problems import Problem
from bot.core.yaml_marks import MarkedDict, MarkedList

_TYPE_NAMES = {
    "string": "văn bản",
    "array": "danh sách (mỗi dòng bắt đầu bằng '- ')",
    "object": "một mục gồm các trường 'tên: giá trị'",
    "integer": "số nguyên",
}


@cache
def _validator(schema_path: Path) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))


def check(data: Any, schema_path: Path, display: str) -> list[Problem]:
    """Every schema violation as one located, translated Problem; a misspelt field is one
    problem at its own line, not an unknown field plus a missing one."""
    errors = list(_validator(schema_path).iter_errors(data))
    problems, explained = [], set()
    for error in errors:
        typo = _misspelt(error)
        if typo is not None:
            wrong, right = typo
            explained.add((tuple(error.absolute_path), right))
            node = _node(data, error.absolute_path)
            line = node.line_of(wrong) if isinstance(node, MarkedDict) else 1
            problems.append(Problem(display, line, f"trường '{wrong}' viết sai chính tả; sửa "
                                                   f"thành '{right}'"))
    for error in errors:
        if _misspelt(error) is None and not _is_explained(error, explained):
            problems.append(Problem(display, _error_line(data, error), _message(error)))
    return problems


def _misspelt(error: ValidationError) -> tuple[str, str] | None:
    """(written, meant) when an unknown field is a near miss of a missing required one."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return None
    schema: Any = error.schema
    required = [k for k in schema.get("required", ()) if k not in error.instance]
    allowed = schema.get("properties", {})
    for extra in (k for k in error.instance if k not in allowed):
        close = difflib.get_close_matches(str(extra), required, n=1, cutoff=0.6)
        if close:
            return str(extra), close[0]
    return None


def _is_explained(error: ValidationError, explained: set[tuple[tuple[Any, ...], str]]) -> bool:
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    wanted: Any = error.validator_value
    missing = [k for k in wanted if k not in error.instance]
    return bool(missing) and (tuple(error.absolute_path), missing[0]) in explained


def _error_line(data: Any, error: ValidationError) -> int:
    """A bad key is reported at its own line, anything else at its value's."""
    if "propertyNames" in error.schema_path:
        node = _node(data, error.absolute_path)
        if isinstance(node, MarkedDict):
            return node.line_of(str(error.instance))
    return _line(data, error.absolute_path)


def _node(data: Any, path: Iterable[Any]) -> Any:
    for step in path:
        data = data[step]
    return data


def _line(data: Any, path: Iterable[Any]) -> int:
    """The line of the deepest node on `path` that still carries a mark."""
    node, line = data, getattr(data, "line", 1) or 1
    for step in path:
        in_list = isinstance(node, MarkedList) and isinstance(step, int)
        if in_list or isinstance(node, MarkedDict) and step in node:
            line, node = node.line_of(step), node[step]
        else:
            break
    return line


def _field(error: ValidationError) -> str:
    names = [str(p) for p in error.absolute_path if isinstance(p, str)]
    return names[-1] if names else "mục"


def _message(error: ValidationError) -> str:
    # A reported error always has these set (the stubs also allow jsonschema's Unset).
    value: Any = error.instance
    limit: Any = error.validator_value
    schema: Any = error.schema
    name, rule = _field(error), error.validator
    if "propertyNames" in error.schema_path:
        if rule == "maxLength":
            return f"khóa '{value}' dài {len(value)} ký tự, tối đa {limit}"
        return _key_message(value, schema)
    if rule == "required":
        missing = [k for k in limit if k not in (value or {})]
        return f"thiếu trường '{missing[0]}'; thêm dòng '{missing[0]}: ...' vào mục này"
    if rule == "additionalProperties":
        allowed = ", ".join(schema.get("properties", {}))
        extra = [k for k in value if k not in schema.get("properties", {})]
        return f"trường '{extra[0]}' không có trong mẫu; kiểm tra chính tả (hợp lệ: {allowed})"
    if rule == "type" and value is None:
        return f"'{name}' đang trống; viết nội dung ngay sau '{name}: ' trên cùng dòng"
    if rule == "type":
        wanted = _TYPE_NAMES.get(str(limit), str(limit))
        return f"'{name}' phải là {wanted}; nếu là văn bản, đặt trong ngoặc kép \"...\""
    if rule == "pattern":
        return _pattern_message(name, value, str(limit))
    if rule == "maxLength":
        return f"'{name}' dài {len(value)} ký tự, tối đa {limit}; hãy rút gọn"
    if rule == "minLength":
        return f"'{name}' quá ngắn (ít nhất {limit} ký tự); hãy viết đủ ý"
    if rule == "minItems":
        return f"'{name}' cần ít nhất {limit} mục"
    if rule == "maxItems":
        return f"'{name}' có nhiều hơn {limit} mục; hãy bớt"
    if rule == "enum":
        options = ", ".join(str(o) for o in limit)
        return f"'{name}' là '{value}', phải là một trong: {options}"
    return f"'{name}': {error.message}"


def _key_message(key: Any, schema: Any) -> str:
    if "\\." in str(schema.get("pattern", "")):  # publishers.yaml: keys are domain names
        return (f"khóa '{key}' phải là tên miền viết thường, không có http://, cổng hay "
                "đường dẫn (ví dụ: dangcongsan.vn); không dùng địa chỉ IP")
    return f"khóa '{key}' không hợp lệ: chỉ dùng chữ thường không dấu, số, dấu '-'"


def _pattern_message(name: str, value: Any, pattern: str) -> str:
    if pattern == r"\S":
        return f"'{name}' đang trống; hãy viết nội dung"
    if name in ("reviewed", "date", "effective"):
        return f"ngày '{value}' phải viết dạng YYYY-MM-DD, ví dụ 2026-11-22"
    if name == "url":
        return f"đường dẫn '{value}' phải bắt đầu bằng http:// hoặc https://"
    return (
        f"'{name}' là '{value}': chỉ dùng chữ thường không dấu, số và dấu '-' "
        "(ví dụ: tuoi-vao-dang)"
    )
