"""Groups and supergroups: quiet on chatter; answers /hoi, mentions and replies to the bot.

With privacy mode on Telegram still delivers /hoi (a command) and replies to the bot's
messages, so both always work; mentions arrive when privacy mode is off or the bot is admin.
"""

from __future__ import annotations

from telegram import Message, MessageEntity
from telegram.ext import ContextTypes, filters

from bot.tg import render
from bot.tg.handlers.questions import answer_question
from bot.tg.send import reply
from bot.tg.services import Services, on_message

_MENTIONS: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]


class _MentionsBot(filters.MessageFilter):
    """The message names this bot with @username or a text mention."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return bool(_bot_mentions(message))


class _RepliesToBot(filters.MessageFilter):
    __slots__ = ()

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        user = replied.from_user if replied is not None else None
        return user is not None and user.id == message.get_bot().id


MENTIONS_BOT = _MentionsBot(name="MentionsBot")
REPLIES_TO_BOT = _RepliesToBot(name="RepliesToBot")
# A group message the bot answers: used by the text handler and by flood control.
ADDRESSED = filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND & (
    MENTIONS_BOT | REPLIES_TO_BOT
)


def _bot_mentions(message: Message) -> list[MessageEntity]:
    bot = message.get_bot()
    username = (bot.username or "").lower()
    found = []
    for entity, text in message.parse_entities(_MENTIONS).items():
        by_name = entity.type == MessageEntity.MENTION and text[1:].lower() == username
        by_id = entity.user is not None and entity.user.id == bot.id
        if by_name or by_id:
            found.append(entity)
    return found


def _without_mentions(message: Message) -> str:
    """The question with the bot's @username taken out (UTF-16 offsets, as Telegram counts)."""
    text = message.text or ""
    encoded = text.encode("utf-16-le")
    for entity in sorted(_bot_mentions(message), key=lambda e: e.offset, reverse=True):
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        encoded = encoded[:start] + b" \x00" + encoded[end:]
    return " ".join(encoded.decode("utf-16-le").split())


@on_message
async def on_group_text(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    question = _without_mentions(message)
    if not question:
        await reply(message, render.group_prompt(svc.bot))
        return
    await answer_question(message, question, svc)


@on_message
async def on_hoi(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/hoi <câu hỏi>, in any chat."""
    question = " ".join(context.args or ())
    if not question:
        await reply(message, render.group_prompt(svc.bot))
        return
    await answer_question(message, question, svc)
