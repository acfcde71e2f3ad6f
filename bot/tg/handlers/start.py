"""/start (with an optional deep link to one entry) and /help."""

from __future__ import annotations

from telegram import Message
from telegram.ext import ContextTypes

from bot.tg import render
from bot.tg.send import reply
from bot.tg.services import Services, on_message


@on_message
async def on_start(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/start` welcomes; `/start <entry id>` (a shared deep link) opens that answer."""
    faq = svc.engine.faq
    payload = context.args[0] if context.args else ""
    entry = faq.get(payload) if len(payload) <= 64 else None
    if entry is None:  # no payload, or an unknown or made-up one: just welcome
        await reply(message, render.welcome(faq))
        return
    sent = await reply(message, render.answer(entry, faq, svc.bot))
    svc.remember(sent.chat_id, sent.message_id, entry.question)
    svc.storage.record_question("tap", entry.id)


@on_message
async def on_help(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(message, render.help_text(svc.bot))
