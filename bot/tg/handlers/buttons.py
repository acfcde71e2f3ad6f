"""Buttons under answers and suggestions: open an entry, pick a suggestion, vote 👍/👎.

Every callback query is answered first (the button stops spinning); a payload this version
does not know (see `on_stale_button`), or an entry that no longer exists, gets "please ask
again".
"""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.core.model import Entry
from bot.tg import callbacks, render, render_review
from bot.tg.callbacks import Action, Callback
from bot.tg.send import ack, edit, prompt, send, thread_of
from bot.tg.services import Services, services


async def _entry_or_stale(
    query: CallbackQuery, decoded: Callback, svc: Services
) -> Entry | None:
    """The tapped entry, or None after saying the button is stale (a /reload removed it)."""
    entry = svc.engine.faq.get(decoded.id)
    if entry is None:
        await ack(query, render.STALE)
    return entry


async def on_entry_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A suggestion becomes the answer in place; a related or topic question is sent anew."""
    svc = services(context)
    query, decoded = callbacks.tapped(update)
    entry = await _entry_or_stale(query, decoded, svc)
    if entry is None:
        return
    await ack(query)
    content = render.answer(entry, svc.engine.faq, svc.bot)
    message = query.message
    if message is None:  # the button was under an inline-mode message: nothing to edit there
        return
    if decoded.action is Action.SUGGESTION:
        await edit(query, content)
        miss = svc.suggested.pop((message.chat.id, message.message_id), None)
        if miss is not None:  # a suggestion was taken: not a miss after all
            svc.storage.drop_miss(miss)
    else:
        sent = await send(query.get_bot(), message.chat.id, content, thread_of(query))
        svc.remember(sent.chat_id, sent.message_id, entry.question)
    svc.storage.record_question("tap", entry.id)


async def on_vote_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    query, decoded = callbacks.tapped(update)
    entry = await _entry_or_stale(query, decoded, svc)
    if entry is None:
        return
    up = decoded.arg == callbacks.UP
    await ack(query, render.VOTE_UP_THANKS if up else render.VOTE_DOWN_THANKS)
    user = svc.user_key(query.from_user.id)
    changed = svc.storage.record_vote(user, entry.id, up)
    if not up and changed:
        message = query.message
        key = (message.chat.id, message.message_id) if message is not None else None
        question = svc.recent.get(key, entry.question) if key else entry.question
        miss = svc.storage.record_miss(user, question, "downvote", entry.id)
        if miss is not None and message is not None and message.chat.type == ChatType.PRIVATE:
            await _ask_what_was_needed(query, svc, miss)


async def _ask_what_was_needed(query: CallbackQuery, svc: Services, miss: int) -> None:
    """After a 👎 in a private chat: "what did you need?"; a reply joins the 👎's group."""
    message = query.message
    if message is None:
        return
    sent = await prompt(query.get_bot(), message.chat.id, render_review.follow_up(),
                        render_review.FOLLOW_UP_PLACEHOLDER)
    svc.remember_miss(svc.follow_ups, (sent.chat_id, sent.message_id), miss)


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Empty, forged or another version's payload (group -1, before any handler), or a
    known one no handler takes now (a self-check button after it ended): "ask again"."""
    query = update.callback_query
    if query is not None:
        await ack(query, render.STALE)
    raise ApplicationHandlerStop
