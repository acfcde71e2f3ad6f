"""Inline mode: `@bot câu hỏi` in any chat lists matching answers to post there."""

from __future__ import annotations

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import InlineQueryLimit
from telegram.ext import ContextTypes

from bot.core.model import Entry
from bot.tg import render
from bot.tg.html_split import split_html
from bot.tg.services import Services, services

CACHE_SECONDS = 300  # answers change only on /reload; Telegram may reuse results this long


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    svc = services(context)
    entries = _entries_for(query.query, svc)
    results = [_article(entry, svc) for entry in entries]
    button = None
    if not results:  # nothing matched: offer to open the bot and ask there
        button = InlineQueryResultsButton(
            text=render.INLINE_EMPTY_BUTTON, start_parameter=render.INLINE_START_PARAMETER
        )
    await query.answer(results, cache_time=CACHE_SECONDS, button=button)


def _entries_for(text: str, svc: Services) -> list[Entry]:
    limit = InlineQueryLimit.RESULTS
    text = " ".join(text.split())
    if not text:  # an empty query: the most useful entries
        return svc.engine.featured(limit)
    faq = svc.engine.faq
    # The "Chia sẻ" button pre-fills an entry's question: put that entry first.
    exact = [e for e in faq.entries if e.question == text or e.id == text]
    found = [c.entry for c in svc.engine.search(text, limit) if c.entry not in exact]
    return (exact + found)[:limit]


def _article(entry: Entry, svc: Services) -> InlineQueryResultArticle:
    # One message: the first part of the answer (FAQ answers are validated to fit).
    text = split_html(render.entry_html(entry))[0]
    return InlineQueryResultArticle(
        id=entry.id,
        title=entry.question,
        description=render.inline_description(entry),
        input_message_content=InputTextMessageContent(text),
        reply_markup=render.ask_more_keyboard(entry, svc.bot),
    )
