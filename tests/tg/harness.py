"""Run real Updates through the real Application, recording every Bot API call it makes.

RecordingRequest is a telegram.request.BaseRequest: python-telegram-bot serialises each call
exactly as it would for Telegram, and we answer with canned Bot API JSON. A method we do not
expect is answered 400 and listed in `unexpected`, which the fixture checks after each test.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

TOKEN = "123456:TEST-token-never-logged"
BOT_ID = 123456
BOT_USERNAME = "HoiDapTestBot"
USER_ID = 1001
ADMIN_ID = 4242
GROUP_ID = -100777

BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Hỏi đáp",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def callback_data(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]


@dataclass
class Failure:
    status: int
    description: str
    retry_after: int | None = None


@dataclass
class RecordingRequest(BaseRequest):
    bot_user: dict[str, Any] = field(default_factory=lambda: dict(BOT_USER))
    calls: list[Call] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))

    def __post_init__(self) -> None:
        self._results: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": lambda _: self.bot_user,
            "sendMessage": self._message,
            "editMessageText": self._message,
            "answerCallbackQuery": lambda _: True,
            "answerInlineQuery": lambda _: True,
            "setMyCommands": lambda _: True,
            "deleteWebhook": lambda _: True,
        }

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def fail(self, method: str, *failures: Failure) -> None:
        """The next calls of `method` fail like this, in order, before it works again."""
        self.failures.setdefault(method, []).extend(failures)

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = json.loads(json.dumps(request_data.parameters)) if request_data else {}
        self.calls.append(Call(api_method, params))
        pending = self.failures.get(api_method)
        if pending:
            failure = pending.pop(0)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                body["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, json.dumps(body).encode()
        result = self._results.get(api_method)
        if result is None:
            self.unexpected.append(api_method)
            return 400, b'{"ok": false, "error_code": 400, "description": "unexpected method"}'
        return 200, json.dumps({"ok": True, "result": result(params)}).encode()

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        return {
            "message_id": int(params.get("message_id") or next(self._ids)),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": self.bot_user,
            "text": params.get("text", ""),
        }


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Người dùng"}
    return {"id": chat_id, "type": "supergroup", "title": "Tổ công đoàn"}


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def user(user_id: int = USER_ID) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Lan", "username": f"lan{user_id}"}


def message(
    text: str | None = None,
    *,
    chat_id: int | None = None,
    user_id: int = USER_ID,
    entities: list[dict[str, Any]] | None = None,
    reply_to: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A message dict as Telegram sends it; a leading /command gets its bot_command entity."""
    msg: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id if chat_id is not None else user_id),
        "from": user(user_id),
    }
    if text is not None:
        msg["text"] = text
        if entities is None and text.startswith("/"):
            command = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": _utf16(command)}]
        if entities:
            msg["entities"] = entities
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    msg.update(extra or {})
    return msg


def bot_message(chat_id: int, message_id: int = 900, text: str = "…") -> dict[str, Any]:
    return {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": _chat(chat_id),
        "from": BOT_USER,
        "text": text,
    }


def update_with(**fields: Any) -> dict[str, Any]:
    return {"update_id": next(_update_ids), **fields}


def callback(
    data: str, *, user_id: int = USER_ID, on: dict[str, Any] | None = None
) -> dict[str, Any]:
    query: dict[str, Any] = {
        "id": str(next(_update_ids)),
        "from": user(user_id),
        "chat_instance": "ci-1",
        "data": data,
    }
    query["message"] = on if on is not None else bot_message(user_id)
    return update_with(callback_query=query)


def inline_query(query: str, *, user_id: int = USER_ID) -> dict[str, Any]:
    return update_with(
        inline_query={"id": str(next(_update_ids)), "from": user(user_id), "query": query,
                      "offset": ""}
    )


def mention_entity(text: str, mention: str) -> dict[str, Any]:
    start = text.index(mention)
    return {"type": "mention", "offset": _utf16(text[:start]), "length": _utf16(mention)}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Harness:
    """The application plus its recorder; `send` returns the calls one update caused."""

    def __init__(self, app: Any, request: RecordingRequest) -> None:
        self.app = app
        self.request = request

    async def send(self, update: dict[str, Any]) -> list[Call]:
        before = len(self.request.calls)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.request.calls[before:]

    async def private(self, text: str, user_id: int = USER_ID) -> list[Call]:
        return await self.send(update_with(message=message(text, user_id=user_id)))

    async def group(self, text: str, **kwargs: Any) -> list[Call]:
        kwargs.setdefault("chat_id", GROUP_ID)
        return await self.send(update_with(message=message(text, **kwargs)))

    @property
    def services(self) -> Any:
        from bot.tg.services import installed

        return installed(self.app.bot_data)
