"""Admins turn missed questions into answers: /misses, its buttons, /changes, /stats.

Commands are registered with the admins' user filter. Buttons cannot be filtered by user,
so each tap is checked here: anyone else (a forwarded or replayed button, a forged payload)
gets the same "please ask again" as a stale button, and nothing changes or is revealed.
"""

from __future__ import annotations

import asyncio

from telegram import Bot, CallbackQuery, Message, Update
from telegram.ext import ContextTypes

from bot.curation.review import Done, Outcome
from bot.curation.stats_view import StatsView, stats_view
from bot.tg import callbacks, render, render_review
from bot.tg.callbacks import Action, Callback
from bot.tg.reply import Reply
from bot.tg.send import ack, edit, reply, send, thread_of
from bot.tg.services import Services, on_message, services

CHANGES_SHOWN = 20
ACTIONS = (Action.REVIEW_ADD, Action.REVIEW_NEW, Action.REVIEW_SKIP, Action.REVIEW_MORE,
           Action.UNDO)


@on_message
async def on_misses(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    thread = message.message_thread_id if message.is_topic_message else None
    await send_page(message.get_bot(), message.chat_id, svc, 0, thread)


async def send_page(bot: Bot, chat_id: int, svc: Services, page: int,
                    thread_id: int | None = None) -> None:
    """A header, then one message per group (its buttons under it); ⏬ under the last."""
    groups = await svc.curator.groups(svc.engine)
    if groups is None:
        await send(bot, chat_id, Reply.of(render_review.STORAGE_DOWN), thread_id)
        return
    start = page * render_review.PAGE_SIZE
    shown = groups[start: start + render_review.PAGE_SIZE]
    if not shown and page:
        page, start, shown = 0, 0, groups[: render_review.PAGE_SIZE]  # the list got shorter
    await send(bot, chat_id, render_review.misses_header(len(groups), page), thread_id)
    for index, group in enumerate(shown):
        last = index == len(shown) - 1
        more = len(groups) - start - len(shown) if last else 0
        await send(bot, chat_id, render_review.group(group, more, page), thread_id)


@on_message
async def on_changes(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(message, render_review.changes(svc.storage.changes(CHANGES_SHOWN)))


@on_message
async def on_stats(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A phone-sized picture, the key numbers in its caption."""
    view = stats_view(svc.storage, svc.engine.faq, await svc.curator.groups(svc.engine) or [])
    if view is None:
        await reply(message, Reply.of(render_review.STORAGE_DOWN))
        return
    png = await asyncio.to_thread(_draw, view)  # matplotlib is slow and blocking
    await message.reply_photo(png, caption=render_review.stats_caption(view))


def _draw(view: StatsView) -> bytes:
    from bot.tg.stats_image import render_png  # matplotlib only when drawing

    return render_png(view)


async def on_review_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    query, decoded = callbacks.tapped(update)
    if not svc.is_admin(query.from_user.id):
        await ack(query, render.STALE)  # the same answer as any stale button: nothing revealed
        return
    await ack(query)
    message = query.message
    if decoded.action is Action.REVIEW_MORE:
        if isinstance(message, Message):
            await send_page(query.get_bot(), message.chat.id, svc, int(decoded.id),
                            thread_of(query))
        return
    outcome = await _act(decoded, svc, svc.user_key(query.from_user.id))
    await _show(query, outcome, svc)


async def _act(decoded: Callback, svc: Services, admin: str) -> Outcome:
    curator, engine = svc.curator, svc.engine
    match decoded.action:
        case Action.REVIEW_ADD:
            return await curator.add_from_group(engine, int(decoded.arg or 0), decoded.id, admin)
        case Action.REVIEW_NEW:
            return await curator.draft(engine, int(decoded.id), admin)
        case Action.REVIEW_SKIP:
            return await curator.dismiss(engine, int(decoded.id), admin)
        case _:
            return await curator.undo(int(decoded.id), admin)


async def _show(query: CallbackQuery, outcome: Outcome, svc: Services) -> None:
    """Done: the group's message becomes the result, with undo. Refused: a new message
    says why, and the group keeps its buttons for another choice."""
    if isinstance(outcome, Done):
        if outcome.engine is not None:
            svc.engine = outcome.engine  # validated with the edit: answers use it at once
        await edit(query, render_review.done(outcome, svc.engine.faq))
        return
    message = query.message
    if message is not None:
        await send(query.get_bot(), message.chat.id, render_review.refused(outcome.reason),
                   thread_of(query))
