"""Callback data as a tiny codec: `prefix:id[:arg]`, at most 64 UTF-8 bytes.

FAQ and topic ids are ASCII slugs, so a payload is always short and plain. Anything that
does not decode (an old bot version, a forged or truncated payload) gives None, and the
handler answers "please ask again" instead of failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

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
_NUMBERED = frozenset({Action.REVIEW_NEW, Action.REVIEW_SKIP, Action.REVIEW_MORE, Action.UNDO})


@dataclass(frozen=True, slots=True)
class Callback:
    action: Action
    id: str
    arg: str | None = None

    def encode(self) -> str:
        """The payload for InlineKeyboardButton(callback_data=...); ValueError if invalid."""
        if not _ID.fullmatch(self.id) or (self.arg is not None and not _ARG.fullmatch(self.arg)):
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
    if not _ID.fullmatch(parts[1]) or (arg is not None and not _ARG.fullmatch(arg)):
        return None
    if action is Action.VOTE and arg not in (UP, DOWN):
        return None
    if action is Action.TOPICS and parts[1] != MENU_ID:
        return None
    if action is Action.PATH and (parts[1] != PATH_TEXT_ID or arg is not None):
        return None
    if action in _NUMBERED and (not parts[1].isdigit() or arg is not None):
        return None
    if action is Action.REVIEW_ADD and (arg is None or not arg.isdigit()):
        return None
    return Callback(action, parts[1], arg)


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
