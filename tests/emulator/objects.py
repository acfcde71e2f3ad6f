"""Builders for the Bot API objects a test injects: users, chats and message entities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True, slots=True)
class User:
    id: int
    first_name: str = "Người dùng"
    username: str | None = None
    language_code: str | None = "vi"
    is_bot: bool = False

    def to_dict(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True, slots=True)
class Chat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    first_name: str | None = None
    is_forum: bool = False

    def to_dict(self) -> JSON:
        data: JSON = {"id": self.id, "type": self.type}
        if self.title:
            data["title"] = self.title
        if self.first_name:
            data["first_name"] = self.first_name
        if self.is_forum:
            data["is_forum"] = True
        return data


def private_chat(user: User) -> Chat:
    return Chat(id=user.id, type="private", first_name=user.first_name)


def group_chat(chat_id: int, title: str = "Nhóm công nhân", supergroup: bool = True) -> Chat:
    if chat_id >= 0:
        raise ValueError("group chat ids are negative")
    return Chat(id=chat_id, type="supergroup" if supergroup else "group", title=title)


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


_COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION = re.compile(r"(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{3,31}\b")


def find_entities(text: str) -> list[JSON]:
    """bot_command and mention entities, as Telegram's clients attach them to a text."""
    found: list[tuple[int, int, str]] = []
    for pattern, kind in ((_COMMAND, "bot_command"), (_MENTION, "mention")):
        found.extend((m.start(), m.end(), kind) for m in pattern.finditer(text))
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in sorted(found)
    ]


def sticker(emoji: str = "👍") -> JSON:
    return {
        "file_id": "CAACAgIAAxkBAAEStickerFileId",
        "file_unique_id": "AgADsticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
    }


def photo_sizes() -> list[JSON]:
    return [
        {"file_id": f"AgACAgIAAxkBPhoto{w}", "file_unique_id": f"AQADphoto{w}", "width": w,
         "height": w * 3 // 4, "file_size": w * 100}
        for w in (90, 320, 800)
    ]
