"""/lotrinh: the admission path as a picture, a button per step, and a text version.

The picture is drawn from faq/path.yaml in a worker thread (matplotlib is slow and
blocking) and cached on disk by content, so an edited path.yaml is redrawn on the next
/lotrinh. Once Telegram has the photo, its file_id is reused for the same content.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.config import Config
from bot.core.admission_path import AdmissionPath, load_path
from bot.core.model import Faq
from bot.core.problems import FaqError
from bot.tg import callbacks, path_replies
from bot.tg.callbacks import Action
from bot.tg.reply import Reply
from bot.tg.send import ack, reply, send, thread_of
from bot.tg.services import Services, on_message, services

logger = logging.getLogger(__name__)

COMMAND = "lotrinh"
_FILE_IDS = "lotrinh_file_ids"  # bot_data: picture cache key -> Telegram file_id


def cache_dir(config: Config) -> Path:
    """Next to the database: the one folder the bot is known to be allowed to write."""
    return config.storage.path.parent / "cache"


def _load(config: Config, faq: Faq) -> AdmissionPath | None:
    """The current path.yaml; None when there is none or it is broken (logged for the admin)."""
    try:
        return load_path(config.faq_dir, faq)
    except FaqError:
        logger.exception("faq/path.yaml is broken; run `python -m bot validate`")
        return None


def _draw(config: Config, faq: Faq) -> tuple[AdmissionPath, bytes, str] | None:
    from bot.tg.path_image import cache_key, cached_png  # matplotlib only when drawing

    path = _load(config, faq)
    if path is None:
        return None
    return path, cached_png(path, cache_dir(config)), cache_key(path)


@on_message
async def on_command(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/lotrinh`: the picture; `/lotrinh chu`: the text version straight away."""
    if context.args and context.args[0].lower() in ("chu", "chữ", "text"):
        await _send_text_version(message, svc)
    else:
        await _send_picture(message, svc, context)


async def _send_picture(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    drawn = await asyncio.to_thread(_draw, svc.config, svc.engine.faq)  # slow: off the loop
    if drawn is None:
        await reply(message, Reply.plain(path_replies.NO_PATH))
        return
    path, png, key = drawn
    file_ids: dict[str, str] = context.bot_data.setdefault(_FILE_IDS, {})
    sent = await message.reply_photo(
        file_ids.get(key, png),
        caption=path_replies.caption(path),
        reply_markup=path_replies.path_keyboard(path),
    )
    _remember_file_id(file_ids, key, sent)


def _remember_file_id(file_ids: dict[str, str], key: str, sent: Message) -> None:
    if sent.photo:
        file_ids.clear()  # only the current picture is worth keeping
        file_ids[key] = sent.photo[-1].file_id


async def on_path_text_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The text version, for those whose phone does not load the picture."""
    query, _ = callbacks.tapped(update)
    await ack(query)
    svc = services(context)
    path = await asyncio.to_thread(_load, svc.config, svc.engine.faq)
    content = path_replies.text_version(path) if path else None
    message = query.message
    if message is None:
        return
    content = content or Reply.plain(path_replies.NO_PATH)
    await send(query.get_bot(), message.chat.id, content, thread_of(query))


async def _send_text_version(message: Message, svc: Services) -> None:
    path = await asyncio.to_thread(_load, svc.config, svc.engine.faq)
    content = path_replies.text_version(path) if path else Reply.plain(path_replies.NO_PATH)
    await reply(message, content)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The /lotrinh command and its text-version button (step buttons reuse `a:` answers)."""
    app.add_handler(CommandHandler(COMMAND, on_command, filters=filters.UpdateType.MESSAGE))
    text_taps = callbacks.pattern(Action.PATH)
    app.add_handler(CallbackQueryHandler(on_path_text_button, pattern=text_taps))
