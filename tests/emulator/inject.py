"""What users do, turned into updates in the queue: messages, taps, inline queries."""

from __future__ import annotations

import itertools
import time
from typing import Any

from .objects import Chat, User, find_entities, photo_sizes, private_chat, sticker
from .state import BotMessage, State

JSON = dict[str, Any]


class Injector:
    """Mixed into Emulator; every method returns what a test needs to follow the reply."""

    state: State
    privacy_mode: bool
    _ids = itertools.count(5_731_000_000_000_000_001)  # shared: ids stay unique

    def send_text(self, user: User, text: str, chat: Chat | None = None,
                  reply_to: JSON | BotMessage | None = None,
                  entities: list[JSON] | None = None, **extra: Any) -> JSON:
        """A text message; bot_command and mention entities are found as clients do."""
        found = find_entities(text) if entities is None else entities
        content: JSON = {"text": text, **({"entities": found} if found else {}), **extra}
        return self.send_message(user, chat, reply_to, **content)

    def send_sticker(self, user: User, chat: Chat | None = None, emoji: str = "👍") -> JSON:
        return self.send_message(user, chat, sticker=sticker(emoji))

    def send_photo(self, user: User, chat: Chat | None = None, caption: str | None = None) -> JSON:
        content: JSON = {"photo": photo_sizes()}
        if caption:
            content["caption"] = caption
        return self.send_message(user, chat, **content)

    def send_message(self, user: User, chat: Chat | None = None,
                     reply_to: JSON | BotMessage | None = None, **content: Any) -> JSON:
        """Any message (content: text, sticker, photo, voice, location...) into the queue."""
        chat = chat or private_chat(user)
        with self.state.mutate():
            chat_dict = self._register(chat)
            message: JSON = {"message_id": self.state.new_message_id(chat.id),
                             "from": user.to_dict(), "chat": chat_dict,
                             "date": int(time.time()), **content}
            if reply_to is not None:
                replied = dict(self.state.messages[(chat.id, _message_id(reply_to))])
                replied.pop("reply_to_message", None)
                message["reply_to_message"] = replied
            self.state.messages[(chat.id, message["message_id"])] = message
            if self._delivered_in_privacy_mode(chat, message):
                self.state.enqueue("message", message)
        return message

    def edit_text(self, user: User, message: JSON, text: str) -> JSON:
        """The user edits a message they sent: an edited_message update."""
        with self.state.mutate():
            edited = {**message, "text": text, "edit_date": int(time.time())}
            edited.pop("entities", None)
            if found := find_entities(text):
                edited["entities"] = found
            self.state.messages[(message["chat"]["id"], message["message_id"])] = edited
            self.state.enqueue("edited_message", edited)
        return edited

    def tap(self, user: User, message: BotMessage | JSON, data: str) -> str:
        """A tap on an inline button of a bot message (data may be forged); the query id."""
        chat_id = message.chat_id if isinstance(message, BotMessage) else message["chat"]["id"]
        with self.state.mutate():
            shown = self.state.messages[(chat_id, _message_id(message))]
            query_id = str(next(self._ids))
            self.state.callback_queries[query_id] = None
            self.state.enqueue("callback_query", {
                "id": query_id, "from": user.to_dict(), "message": shown,
                "chat_instance": str(abs(hash(chat_id)) % 10**12), "data": data})
        return query_id

    def tap_button(self, user: User, message: BotMessage, index: int = 0,
                   text_contains: str | None = None) -> str:
        """Tap the index-th callback button (or the first whose label contains a string)."""
        buttons = message.callback_buttons()
        if text_contains is not None:
            buttons = [b for b in buttons if text_contains in b["text"]]
        if len(buttons) <= index:
            raise LookupError(f"no callback button #{index} ({text_contains!r}) in {message}")
        return self.tap(user, message, buttons[index]["callback_data"])

    def inline_query(self, user: User, query: str, chat_type: str = "sender",
                     offset: str = "") -> str:
        """`@bot query` typed in some chat; returns the inline query id."""
        with self.state.mutate():
            query_id = str(next(self._ids))
            self.state.inline_queries[query_id] = None
            self.state.enqueue("inline_query", {"id": query_id, "from": user.to_dict(),
                                                "query": query, "offset": offset,
                                                "chat_type": chat_type})
        return query_id

    def inject(self, kind: str, payload: JSON) -> int:
        """Any update kind (channel_post, my_chat_member...) as raw JSON; the update id."""
        chat = payload.get("chat")
        with self.state.mutate():
            if isinstance(chat, dict) and "id" in chat:
                self.state.chats.setdefault(chat["id"], chat)
            return self.state.enqueue(kind, payload)

    def _register(self, chat: Chat) -> JSON:
        return self.state.chats.setdefault(chat.id, chat.to_dict())

    def _delivered_in_privacy_mode(self, chat: Chat, message: JSON) -> bool:
        """With privacy mode on, a group only forwards commands, mentions and replies."""
        if not self.privacy_mode or chat.type == "private":
            return True
        replied = message.get("reply_to_message") or {}
        kinds = {e["type"] for e in message.get("entities") or ()}
        mention = f"@{self.state.bot_username}".lower() in message.get("text", "").lower()
        return bool("bot_command" in kinds or mention
                    or replied.get("from", {}).get("id") == self.state.bot_id)


def _message_id(message: JSON | BotMessage) -> int:
    return message.message_id if isinstance(message, BotMessage) else int(message["message_id"])
