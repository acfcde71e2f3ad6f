"""Callback data as a tiny codec: `prefix:id[:arg]`, at most 64 UTF-8 bytes.

FAQ and topic ids are ASCII slugs, so a payload is always short and plain. Each action
declares what its id and arg may be (`_RULES`, next to the actions); `encode` refuses and
`decode` rejects anything else. A handler is registered with `pattern(...)`, the one
matcher per kind (aiogram's `CallbackData.filter()`), and reads its payload with `tapped`.
Anything that does not decode (empty, an old bot version, a forged or truncated payload) is
answered "please ask again" in one place, before any handler sees it (`is_stale`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from telegram import CallbackQuery, Update
from telegram.constants import InlineKeyboardButtonLimit


class Action(StrEnum):
    ANSWER = "a"  # send an entry's answer as a new message (related questions, topic lists)
    SUGGESTION = "s"  # a "did you mean" tap: the suggestion message becomes the answer
    TOPIC = "t"  # list a topic's questions; arg = page
    TOPICS = "m"  # back to the topic menu; id is always MENU_ID
    VOTE = "v"  # feedback on an answer; arg = UP or DOWN
    PATH = "p"  # /lotrinh's text version; id is always PATH_TEXT_ID
    SELFCHECK = "k"  # /kiemtra: id = question key and arg = option key; or id START / CANCEL
    # Admins only (/misses): the handlers check the user; the group is named by its anchor
    REVIEW_ADD = "r"  # ➕ add the group's question to entry `id`; arg = group anchor
    REVIEW_NEW = "n"  # 🆕 draft entry from group `id`
    REVIEW_SKIP = "x"  # 🗑 dismiss group `id`
    REVIEW_MORE = "g"  # ⏬ the next page of groups; id = page
    UNDO = "u"  # ↩️ undo change `id`


MENU_ID = "chude"
PATH_TEXT_ID = "chu"
SELFCHECK_START = "batdau"
SELFCHECK_CANCEL = "huy"
UP = "up"
DOWN = "down"

_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
_ARG = re.compile(r"[a-z0-9]{1,8}")
_MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
_SELFCHECK_CONTROLS = (SELFCHECK_START, SELFCHECK_CANCEL)

# What each action's id and arg may be, beyond the slug and arg shapes every payload has.
_RULES: dict[Action, Callable[[str, str | None], bool]] = {
    Action.ANSWER: lambda _id, arg: arg is None,
    Action.SUGGESTION: lambda _id, arg: arg is None,
    Action.TOPIC: lambda _id, arg: arg is None or arg.isdigit(),
    Action.TOPICS: lambda id_, arg: id_ == MENU_ID and arg is None,
    Action.VOTE: lambda _id, arg: arg in (UP, DOWN),
    Action.PATH: lambda id_, arg: id_ == PATH_TEXT_ID and arg is None,
    # START and CANCEL stand alone; any other id is a question key with the option tapped
    Action.SELFCHECK: lambda id_, arg: (arg is None) == (id_ in _SELFCHECK_CONTROLS),
    # /misses: an entry and the group's anchor; a group's anchor; a page; a change's number
    Action.REVIEW_ADD: lambda _id, arg: arg is not None and arg.isdigit(),
    Action.REVIEW_NEW: lambda id_, arg: id_.isdigit() and arg is None,
    Action.REVIEW_SKIP: lambda id_, arg: id_.isdigit() and arg is None,
    Action.REVIEW_MORE: lambda id_, arg: id_.isdigit() and arg is None,
    Action.UNDO: lambda id_, arg: id_.isdigit() and arg is None,
}


@dataclass(frozen=True, slots=True)
class Callback:
    action: Action
    id: str
    arg: str | None = None

    def encode(self) -> str:
        """The payload for InlineKeyboardButton(callback_data=...); ValueError if invalid."""
        if not _valid(self.action, self.id, self.arg):
            raise ValueError(f"not encodable as callback data: {self!r}")
        data = ":".join(p for p in (self.action.value, self.id, self.arg) if p is not None)
        if len(data.encode("utf-8")) > _MAX_BYTES:
            raise ValueError(f"callback data longer than {_MAX_BYTES} bytes: {data!r}")
        return data


def decode(data: object) -> Callback | None:
    """Parse a payload; None for anything this version did not produce."""
    if not isinstance(data, str) or len(data.encode("utf-8")) > _MAX_BYTES:
        return None
    parts = data.split(":")
    if not 2 <= len(parts) <= 3:
        return None
    try:
        action = Action(parts[0])
    except ValueError:
        return None
    arg = parts[2] if len(parts) == 3 else None
    return Callback(action, parts[1], arg) if _valid(action, parts[1], arg) else None


def _valid(action: Action, id_: str, arg: str | None) -> bool:
    shaped = _ID.fullmatch(id_) is not None and (arg is None or _ARG.fullmatch(arg) is not None)
    return shaped and _RULES[action](id_, arg)


def is_stale(data: object) -> bool:
    """Empty, forged or from another version: the group -1 handler answers it as stale."""
    return decode(data) is None


def pattern(
    *actions: Action, where: Callable[[Callback], bool] | None = None
) -> Callable[[object], bool]:
    """For CallbackQueryHandler(pattern=...): payloads of these actions, optionally narrowed
    further (`where=lambda c: c.id == ...`), as aiogram's `CallbackData.filter()`."""

    def matches(data: object) -> bool:
        decoded = decode(data)
        return decoded is not None and decoded.action in actions and (
            where is None or where(decoded)
        )

    return matches


def tapped(update: Update) -> tuple[CallbackQuery, Callback]:
    """The query and its payload, for a handler registered with `pattern(...)`.

    Stale payloads never get this far (`is_stale` runs first), so a failure here is a bug in
    the handler registration: it raises, and the error handler apologises.
    """
    query = update.callback_query
    decoded = decode(query.data) if query is not None else None
    if query is None or decoded is None:
        raise LookupError("a callback handler ran on an update without a valid payload")
    return query, decoded


def answer(entry_id: str) -> str:
    return Callback(Action.ANSWER, entry_id).encode()


def suggestion(entry_id: str) -> str:
    return Callback(Action.SUGGESTION, entry_id).encode()


def topic(topic_id: str, page: int = 0) -> str:
    return Callback(Action.TOPIC, topic_id, str(page) if page else None).encode()


def topics() -> str:
    return Callback(Action.TOPICS, MENU_ID).encode()


def vote(entry_id: str, up: bool) -> str:
    return Callback(Action.VOTE, entry_id, UP if up else DOWN).encode()


def path_text() -> str:
    return Callback(Action.PATH, PATH_TEXT_ID).encode()


def selfcheck(question_key: str, option_key: str) -> str:
    return Callback(Action.SELFCHECK, question_key, option_key).encode()


def selfcheck_start() -> str:
    return Callback(Action.SELFCHECK, SELFCHECK_START).encode()


def selfcheck_cancel() -> str:
    return Callback(Action.SELFCHECK, SELFCHECK_CANCEL).encode()


def review_add(entry_id: str, anchor: int) -> str:
    return Callback(Action.REVIEW_ADD, entry_id, str(anchor)).encode()


def review_new(anchor: int) -> str:
    return Callback(Action.REVIEW_NEW, str(anchor)).encode()


def review_skip(anchor: int) -> str:
    return Callback(Action.REVIEW_SKIP, str(anchor)).encode()


def review_more(page: int) -> str:
    return Callback(Action.REVIEW_MORE, str(page)).encode()


def undo(change_id: int) -> str:
    return Callback(Action.UNDO, str(change_id)).encode()
