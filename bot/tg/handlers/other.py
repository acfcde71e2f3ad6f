"""Everything that is not a question: stickers, photos, voice, files, unknown commands."""

from __future__ import annotations

from telegram import Message
from telegram.ext import ContextTypes

from bot.tg import render
from bot.tg.send import reply
from bot.tg.services import Services, on_message


@on_message
async def on_non_text(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats only: one short polite reply asking for text."""
    await reply(message, render.non_text())


@on_message
async def on_unknown_command(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    await reply(message, render.unknown_command())
