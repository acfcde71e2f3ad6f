"""What handlers share, built in post_init and reached through one typed accessor."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Message, Update
from telegram.ext import CallbackContext, ContextTypes

from bot.config import Config
from bot.core.engine import Engine
from bot.curation.review import Curator
from bot.store.privacy import hash_user
from bot.store.storage import Storage
from bot.tg.flood import FloodGate
from bot.tg.render import BotInfo

_KEY = "services"
_RECENT_QUESTIONS = 5000  # enough to attach a 👎 to its question; old ones just lose the text


@dataclass(slots=True)
class Services:
    config: Config
    engine: Engine  # replaced whole by /reload, so readers always see one consistent FAQ
    storage: Storage
    flood: FloodGate
    secret: bytes
    bot: BotInfo
    curator: Curator
    # (chat id, bot message id) -> the question it answered, kept briefly for 👎 feedback
    recent: OrderedDict[tuple[int, int], str] = field(default_factory=OrderedDict)
    # (chat id, suggestion message id) -> its stored miss, dropped when a suggestion is tapped
    suggested: OrderedDict[tuple[int, int], int] = field(default_factory=OrderedDict)
    # (chat id, "what did you need?" message id) -> the 👎 miss a reply to it joins
    follow_ups: OrderedDict[tuple[int, int], int] = field(default_factory=OrderedDict)

    def user_key(self, user_id: int) -> str:
        return hash_user(self.secret, user_id)

    def remember(self, chat_id: int, message_id: int, question: str) -> None:
        self.recent[(chat_id, message_id)] = question
        while len(self.recent) > _RECENT_QUESTIONS:
            self.recent.popitem(last=False)

    def remember_miss(
        self, table: OrderedDict[tuple[int, int], int], key: tuple[int, int], miss_id: int | None
    ) -> None:
        if miss_id is not None:
            table[key] = miss_id
            while len(table) > _RECENT_QUESTIONS:
                table.popitem(last=False)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.telegram.admins


def install(bot_data: dict[Any, Any], services: Services) -> None:
    bot_data[_KEY] = services


def installed(bot_data: dict[Any, Any]) -> Services | None:
    found = bot_data.get(_KEY)
    return found if isinstance(found, Services) else None


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The application's services; fails loudly if a handler runs before post_init."""
    found = installed(context.bot_data)
    if found is None:
        raise RuntimeError("services are not ready: post_init has not run")
    return found


MessageCallback = Callable[[Message, Services, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
UpdateCallback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def on_message(handle: MessageCallback) -> UpdateCallback:
    """Every message handler's preamble, once: no message, nothing to do; otherwise `handle`
    gets the message, the services and the context (for `args`, `bot_data`)."""

    @functools.wraps(handle)
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None:
            await handle(message, services(context), context)

    return handler
