"""A question, typed in a private chat or asked in a group: the engine decides, we render."""

from __future__ import annotations

from telegram import Message
from telegram.ext import ContextTypes

from bot.core.decision import Answer, NoMatch, Suggest
from bot.tg import render
from bot.tg.send import reply
from bot.tg.services import Services, on_message


@on_message
async def on_private_text(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    if message.text is not None:
        follow_up = _follow_up_of(message, svc)
        if follow_up is not None:  # "what did you need?" answered: it joins the 👎's group
            svc.storage.record_miss(asker_key(message, svc), message.text, "clarify", None,
                                    parent=follow_up)
        await answer_question(message, message.text, svc, record_miss=follow_up is None)


def _follow_up_of(message: Message, svc: Services) -> int | None:
    replied = message.reply_to_message
    if replied is None:
        return None
    return svc.follow_ups.pop((message.chat_id, replied.message_id), None)


async def answer_question(
    message: Message, text: str, svc: Services, record_miss: bool = True
) -> None:
    """Reply to one question, then record the outcome (storage never delays the reply)."""
    faq = svc.engine.faq
    match svc.engine.ask(text):
        case Answer(entry=entry, also=also):
            sent = await reply(message, render.answer(entry, faq, svc.bot, also))
            svc.remember(sent.chat_id, sent.message_id, text)
            svc.storage.record_question("answer", entry.id)
        case Suggest(candidates=candidates):
            sent = await reply(message, render.suggest(candidates))
            svc.remember(sent.chat_id, sent.message_id, text)
            svc.storage.record_question("suggest")
            if record_miss:  # a miss until one of the suggestions is tapped
                miss = svc.storage.record_miss(asker_key(message, svc), text, "suggest",
                                               candidates[0].entry.id)
                svc.remember_miss(svc.suggested, (sent.chat_id, sent.message_id), miss)
        case NoMatch(reason="no_match", best=best):
            await reply(message, render.no_match(faq, svc.config.contact))
            svc.storage.record_question("no_match")
            best_id = best.entry.id if best is not None else None
            if record_miss:
                svc.storage.record_miss(asker_key(message, svc), text, "no_match", best_id)
        case NoMatch(reason=reason):
            await reply(message, render.small_talk(reason))
            svc.storage.record_question("small_talk")


def asker_key(message: Message, svc: Services) -> str:
    """The hashed asker: the user, or the chat for anonymous admins and channels (their
    from_user is Telegram's shared GroupAnonymousBot, the same in every group)."""
    if message.sender_chat is not None:
        return svc.user_key(message.sender_chat.id)
    if message.from_user is not None:
        return svc.user_key(message.from_user.id)
    return svc.user_key(message.chat_id)
