"""Build and run the Telegram application: polling or webhook, services in post_init."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import (
    BotCommandScopeAllGroupChats,
    BotCommandScopeDefault,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot.config import Config
from bot.core.engine import Engine
from bot.curation.review import Curator
from bot.store.privacy import load_secret
from bot.store.storage import Storage
from bot.tg import digest, faq_watch, render, webhook
from bot.tg.flood import FloodGate
from bot.tg.handlers import register
from bot.tg.inbox import DurableUpdater
from bot.tg.rate_limiter import RetryingRateLimiter
from bot.tg.services import Services, install, installed
from bot.tg.update_processor import PerChatUpdateProcessor

logger = logging.getLogger(__name__)

WEBHOOK_SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
LOG_LEVEL_ENV = "BOT_LOG_LEVEL"
# Never below these, whatever BOT_LOG_LEVEL says: python-telegram-bot's DEBUG output holds
# whole updates and API calls (user ids, names, message text); httpx and httpcore log
# request URLs, which hold the token; the job queue's INFO is one line per scheduled job.
_LIBRARY_FLOORS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    "tornado": logging.WARNING,
    "tornado.access": logging.ERROR,  # one line per webhook request; refusals are logged once
}
ALLOWED_UPDATES = [
    Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY
]

App = Application[Any, Any, Any, Any, Any, Any]
# httpcore looks at every pooled connection on each request, so PTB's default of 256 costs
# CPU under load (profiled: ~20% of the bot's time). 16 is plenty: AIORateLimiter keeps
# sends near Telegram's 30 a second. A request waiting for a free connection is not sent
# yet, so waiting longer than PTB's 1 s default is safe (and the retry would be too).
CONNECTION_POOL_SIZE = 16
POOL_TIMEOUT = 10.0


def run_bot(config: Config, token: str, base_url: str | None) -> None:
    """Run until stopped (SIGINT/SIGTERM): long polling, or a webhook when configured."""
    _configure_logging(token)
    # PTB 22 warns on every 429 unless opted in to its future timedelta `retry_after`.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    app = build_application(config, token, base_url)
    if config.telegram.mode == "webhook":
        hook = config.telegram.webhook
        if not hook.webhook_url:
            raise ValueError("telegram.webhook.webhook_url is empty: set the public https URL")
        app.run_webhook(
            listen=hook.listen,
            port=hook.port,
            url_path=hook.url_path,
            webhook_url=hook.webhook_url,
            secret_token=webhook_secret(),
            allowed_updates=ALLOWED_UPDATES,
        )
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)


def webhook_secret() -> str:
    """TELEGRAM_WEBHOOK_SECRET, or a new one registered for this run: never no secret."""
    configured = os.environ.get(WEBHOOK_SECRET_ENV, "").strip()
    if configured:
        return webhook.check_secret(configured)
    logger.warning(
        "%s is not set: generated a secret for this run and registered it with setWebhook; "
        "requests without it are refused", WEBHOOK_SECRET_ENV,
    )
    return webhook.new_secret()


def build_application(
    config: Config,
    token: str,
    base_url: str | None = None,
    request: BaseRequest | None = None,
) -> App:
    """The configured Application with every handler; `request` replaces HTTP (for tests).

    Updates come through the durable inbox (bot/tg/inbox.py): recorded before Telegram is
    told they arrived, marked handled by the update processor."""
    storage = Storage(config.storage.path, config.storage.retention_days)
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        allow_sending_without_reply=True,  # a deleted question still gets its answer
    )
    builder = (
        ApplicationBuilder()
        .token(token)
        .defaults(defaults)
        # One slow reply must not hold up other chats; one chat's updates stay in order.
        .concurrent_updates(PerChatUpdateProcessor(on_handled=storage.update_handled))
        .updater(None)  # replaced below by the durable one, on the same bot and queue
        .post_init(_post_init(config, storage))
        .post_shutdown(_post_shutdown)
    )
    if base_url:
        builder = builder.base_url(base_url)
    if config.telegram.rate_limiter:
        # PTB's builder generics cannot type a limiter chosen at run time
        builder = builder.rate_limiter(RetryingRateLimiter())  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.connection_pool_size(CONNECTION_POOL_SIZE).pool_timeout(POOL_TIMEOUT)
    app = builder.build()
    app.updater = DurableUpdater(app.bot, app.update_queue, storage)
    register(app, config)
    return app


def _post_init(config: Config, storage: Storage) -> Callable[[App], Coroutine[Any, Any, None]]:
    async def post_init(app: App) -> None:
        seen = faq_watch.snapshot(config.faq_dir)  # before loading: no edit slips between
        engine = await asyncio.to_thread(Engine.load, config.faq_dir, config.matching, None,
                                         config.storage.cache_dir)
        storage.delete_expired()
        me = app.bot.bot  # getMe has run in initialize()
        services = Services(
            config=config,
            engine=engine,
            storage=storage,
            flood=FloodGate(config.flood.per_user_messages, config.flood.per_user_seconds),
            secret=_secret(config),
            bot=render.BotInfo(me.username or "", bool(me.supports_inline_queries)),
            curator=Curator(config.faq_dir, config.matching, storage),
        )
        install(app.bot_data, services)
        digest.schedule(app, config.telegram.digest_days)
        if config.telegram.faq_check_seconds > 0:
            if app.job_queue is None:  # a dependency: python-telegram-bot[job-queue]
                raise RuntimeError("the FAQ watcher needs python-telegram-bot[job-queue]")
            watcher = faq_watch.FaqWatcher(
                services, app.bot, config.telegram.faq_check_seconds, seen
            )
            faq_watch.schedule(app.job_queue, watcher)
        await _set_commands(app)
        logger.info(
            "ready: @%s answers %d questions in %d topics (%s)",
            me.username,
            len(engine.faq.entries),
            len(engine.faq.topics),
            config.telegram.mode,
        )

    return post_init


async def _post_shutdown(app: App) -> None:
    services = installed(app.bot_data)
    if services is not None:
        services.storage.close()


async def _set_commands(app: App) -> None:
    try:
        await app.bot.set_my_commands(render.PRIVATE_COMMANDS, scope=BotCommandScopeDefault())
        await app.bot.set_my_commands(render.GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    except TelegramError as exc:  # the menu is a convenience: answering matters more
        logger.warning("could not set the command menu: %s", exc)


def _secret(config: Config) -> bytes:
    try:
        return load_secret(config.storage.secret_path)
    except OSError as exc:
        # Hashes then change at each restart; that loses vote history, never privacy.
        logger.warning("cannot keep the hashing secret (%s); using a temporary one", exc)
        return secrets.token_bytes(32)


class _RedactingFormatter(logging.Formatter):
    """Belt and braces: the token never reaches a log line, whatever logs it."""

    def __init__(self, token: str) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._token = token

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(self._token, "<token>")


def _configure_logging(token: str) -> None:
    """BOT_LOG_LEVEL (default INFO) for the bot's own loggers; libraries stay capped."""
    handler = logging.StreamHandler()
    handler.setFormatter(_RedactingFormatter(token))
    level, unknown = _log_level(os.environ.get(LOG_LEVEL_ENV, ""))
    logging.basicConfig(level=level, handlers=[handler])
    for name, floor in _LIBRARY_FLOORS.items():
        logging.getLogger(name).setLevel(max(level, floor))
    if unknown:
        logger.warning("%s=%r is not a log level; using INFO", LOG_LEVEL_ENV, unknown)


def _log_level(name: str) -> tuple[int, str]:
    """The level for a name such as "debug"; INFO and the bad name when it is not one."""
    level = logging.getLevelNamesMapping().get(name.strip().upper())
    if name.strip() and level is None:
        return logging.INFO, name
    return level if level is not None else logging.INFO, ""
