"""Deleting stored data on request: everything about one person, or everything at all.

The CLI calls these (`python -m bot forget USER_ID`, `python -m bot purge --yes`). Unlike the
bot, which keeps answering when the database fails, a deletion must never fail quietly:
anything that stops it raises DataRightsError with what to do next.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from bot.config import Config
from bot.store.privacy import SECRET_ENV, hash_user, load_secret
from bot.store.storage import Storage

_Action = Callable[[Storage], int]


class DataRightsError(Exception):
    """The deletion could not be done; str() says why and what to do."""


def forget_user(config: Config, telegram_user_id: int) -> int:
    """Delete the votes and unanswered questions of one Telegram user; rows deleted.

    The id is hashed with the bot's own secret (BOT_HASH_SECRET, or the file at
    storage.secret_path), exactly as the bot hashed it when storing; no secret is created.
    """
    if not config.storage.path.exists():
        return 0
    secret = _existing_secret(config.storage.secret_path)
    return _delete(config, lambda storage: storage.forget(hash_user(secret, telegram_user_id)))


def purge_all(config: Config) -> int:
    """Delete every stored row (counts, unanswered questions, votes); rows deleted."""
    if not config.storage.path.exists():
        return 0
    return _delete(config, lambda storage: storage.purge())


def _delete(config: Config, action: _Action) -> int:
    storage = Storage(config.storage.path, config.storage.retention_days)
    try:
        gone = action(storage)
        if storage.failing:
            raise DataRightsError(
                f"{config.storage.path}: the database could not be changed (see the message "
                "above); nothing was deleted. Fix it, then run the command again."
            )
        return gone
    finally:
        storage.close()


def _existing_secret(path: Path) -> bytes:
    if not os.environ.get(SECRET_ENV, "").strip() and not path.expanduser().exists():
        raise DataRightsError(
            f"no hashing secret: {SECRET_ENV} is not set and {path} does not exist. Run this "
            f"with the same secret as the bot; without it, only `purge` can delete the data."
        )
    try:
        return load_secret(path)
    except OSError as exc:
        raise DataRightsError(f"cannot read the hashing secret: {exc}") from exc
