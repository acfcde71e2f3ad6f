"""Delivering a rendered Reply: several parts when long, the keyboard under the last one."""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, ForceReply, Message
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.tg.reply import Reply
from bot.tg.update_processor import replying

logger = logging.getLogger(__name__)


async def reply(message: Message, content: Reply) -> Message:
    """Answer `message`; in groups the first part quotes it (python-telegram-bot's default)."""
    sent = message
    async with replying(bounded=message.chat.type == ChatType.PRIVATE):
        for index, part in enumerate(content.parts):
            last = index == len(content.parts) - 1
            sent = await message.reply_text(
                part,
                reply_markup=content.keyboard if last else None,
                do_quote=None if index == 0 else False,
            )
    return sent


async def send(bot: Bot, chat_id: int, content: Reply, thread_id: int | None = None) -> Message:
    """A new message in a chat, for taps whose answer should not replace the tapped message."""
    sent: Message | None = None
    for index, part in enumerate(content.parts):
        last = index == len(content.parts) - 1
        sent = await bot.send_message(
            chat_id,
            part,
            reply_markup=content.keyboard if last else None,
            message_thread_id=thread_id,
        )
    if sent is None:
        raise ValueError("a reply has at least one part")
    return sent


async def prompt(bot: Bot, chat_id: int, content: Reply, placeholder: str) -> Message:
    """A question the user answers by replying: the app opens the reply box (ForceReply)."""
    sent: Message | None = None
    for index, part in enumerate(content.parts):
        last = index == len(content.parts) - 1
        markup = ForceReply(input_field_placeholder=placeholder) if last else None
        sent = await bot.send_message(chat_id, part, reply_markup=markup)
    if sent is None:
        raise ValueError("a reply has at least one part")
    return sent


async def ack(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a callback query so the button stops spinning; a too-old query is not an error."""
    try:
        await query.answer(text)
    except BadRequest as exc:
        logger.info("callback query not answered: %s", exc)


async def edit(query: CallbackQuery, content: Reply) -> None:
    """Replace the tapped message; send a new one when it can no longer be edited."""
    message = query.message
    if message is None:
        return
    try:
        await query.edit_message_text(
            content.parts[0], reply_markup=content.keyboard if len(content.parts) == 1 else None
        )
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return  # the same tap twice: the message already shows this
        logger.info("message not editable (%s); sending a new one", exc)
        await send(query.get_bot(), message.chat.id, content, thread_of(query))
        return
    if len(content.parts) > 1:
        rest = Reply(content.parts[1:], content.keyboard)
        await send(query.get_bot(), message.chat.id, rest, thread_of(query))


def thread_of(query: CallbackQuery) -> int | None:
    message = query.message
    if isinstance(message, Message) and message.is_topic_message:
        return message.message_thread_id
    return None

