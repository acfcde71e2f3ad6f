"""Decode a Bot API request body: JSON, form-encoded or multipart, as the real server does."""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

# Parameters Telegram types as String: never JSON-decode them ("123" stays "123").
STRING_FIELDS = frozenset({
    "text", "caption", "data", "query", "parse_mode", "callback_query_id", "inline_query_id",
    "inline_message_id", "url", "description", "short_description", "language_code",
    "next_offset", "action", "photo", "document", "sticker", "audio", "video", "voice",
    "secret_token", "title", "name", "business_connection_id", "message_effect_id", "emoji",
    "ip_address", "certificate",
})


def decode_value(name: str, value: str) -> Any:
    if name in STRING_FIELDS:
        return value
    if name == "chat_id":
        try:
            return int(value)
        except ValueError:
            return value  # "@channelusername"
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_body(
    content_type: str, body: bytes, query: str
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Return (params, files); files maps a part name to (filename, content)."""
    params: dict[str, Any] = {k: decode_value(k, v) for k, v in parse_qsl(query)}
    files: dict[str, tuple[str, bytes]] = {}
    kind = content_type.split(";")[0].strip().lower()
    if not body:
        return params, files
    if kind == "application/json":
        loaded = json.loads(body.decode("utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError("the JSON body must be an object")
        params.update(loaded)
    elif kind == "multipart/form-data":
        _decode_multipart(content_type, body, params, files)
    else:  # application/x-www-form-urlencoded, PTB's default for calls without files
        text = body.decode("utf-8")
        params.update({k: decode_value(k, v) for k, v in parse_qsl(text, keep_blank_values=True)})
    for name, value in list(params.items()):  # "attach://part" refers to an uploaded part
        if isinstance(value, str) and value.startswith("attach://") and value[9:] in files:
            params[name] = _describe(files[value[9:]])
    return params, files


def _decode_multipart(
    content_type: str, body: bytes, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
) -> None:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise ValueError("malformed multipart body")
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        content = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = (filename, content)
            params.setdefault(name, _describe(files[name]))
        else:
            params[name] = decode_value(name, content.decode("utf-8"))


def _describe(file: tuple[str, bytes]) -> str:
    return f"<file {file[0]} {len(file[1])} bytes>"
