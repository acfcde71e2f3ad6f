"""config.yaml, loaded once, checked and frozen. The bot token never lives here.

The settings the core needs (matching, contact) are core values (bot.core.settings); this
module fills them, with the settings of the Telegram layer and of storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from bot.core.settings import Contact, MatchingConfig


class ConfigError(Exception):
    """config.yaml is missing, unreadable or has a wrong value."""


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    listen: str = "0.0.0.0"
    port: int = 8443
    url_path: str = "telegram"
    webhook_url: str = ""


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    mode: Literal["polling", "webhook"] = "polling"
    rate_limiter: bool = True
    admins: tuple[int, ...] = ()
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    faq_check_seconds: float = 30.0  # how often faq/ is checked for edits; 0: never
    selfcheck_timeout: float = 600.0  # seconds without a tap before /kiemtra ends
    digest_days: float = 7.0  # admins get new missed groups and the 👎 rate this often; 0: never


DEFAULT_SECRET_PATH = "~/.config/hoi-dap-ket-nap-dang/secret"


@dataclass(frozen=True, slots=True)
class StorageConfig:
    path: Path = Path("data/bot.sqlite3")
    retention_days: int = 180
    secret_path: Path = Path(DEFAULT_SECRET_PATH)

    @property
    def cache_dir(self) -> Path:
        """The built FAQ engine, kept beside the database (bot.core.engine_cache)."""
        return self.path.parent / "engine"


@dataclass(frozen=True, slots=True)
class FloodConfig:
    per_user_messages: int = 30  # measured: scripts/measure_pace.py (config.yaml says how)
    per_user_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class Config:
    faq_dir: Path = Path("faq")
    matching: MatchingConfig = field(default_factory=MatchingConfig)
    contact: Contact = field(default_factory=Contact)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)
    flood: FloodConfig = field(default_factory=FloodConfig)


_DEFAULT = Config()


def load_config(path: Path) -> Config:
    """Read config.yaml; relative paths in it are relative to the file's folder."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    base = path.resolve().parent
    try:
        return _build(raw, base)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _section(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name) or {}
    if not isinstance(value, dict):
        raise TypeError(f"'{name}' must be a mapping")
    return value


def _build(raw: dict[str, Any], base: Path) -> Config:
    """Each value not in config.yaml keeps its dataclass default: defaults live only there."""
    matching = MatchingConfig(**_section(raw, "matching"))
    if not 0 <= matching.suggest_threshold <= matching.answer_threshold <= 100:
        raise ValueError("matching: need 0 <= suggest_threshold <= answer_threshold <= 100")
    if not matching.suggest_threshold <= matching.lead_threshold <= matching.answer_threshold:
        raise ValueError("matching: need suggest_threshold <= lead_threshold <= answer_threshold")
    return Config(
        faq_dir=base / raw.get("faq_dir", _DEFAULT.faq_dir),
        matching=matching,
        contact=Contact(**_section(raw, "contact")),
        telegram=_telegram(_section(raw, "telegram")),
        storage=_storage(_section(raw, "storage"), base),
        flood=FloodConfig(**_section(raw, "flood")),
    )


def _telegram(tg: dict[str, Any]) -> TelegramConfig:
    default = _DEFAULT.telegram
    mode = tg.get("mode", default.mode)
    if mode not in ("polling", "webhook"):
        raise ValueError("telegram.mode must be 'polling' or 'webhook'")
    return TelegramConfig(
        mode=mode,
        rate_limiter=bool(tg.get("rate_limiter", default.rate_limiter)),
        admins=tuple(int(a) for a in tg.get("admins") or ()),
        webhook=WebhookConfig(**(tg.get("webhook") or {})),
        selfcheck_timeout=float(tg.get("selfcheck_timeout", default.selfcheck_timeout)),
        faq_check_seconds=float(tg.get("faq_check_seconds", default.faq_check_seconds)),
        digest_days=float(tg.get("digest_days", default.digest_days)),
    )


def _storage(storage: dict[str, Any], base: Path) -> StorageConfig:
    default = _DEFAULT.storage
    return StorageConfig(
        path=base / storage.get("path", default.path),
        retention_days=int(storage.get("retention_days", default.retention_days)),
        secret_path=Path(storage.get("secret_path", default.secret_path)).expanduser(),
    )
