"""config.yaml: what is not written keeps the one default; wrong values are one clear error."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))
    default = Config()
    assert config.faq_dir == tmp_path / "faq"
    assert config.storage.path == tmp_path / "data" / "bot.sqlite3"
    assert config.storage.secret_path == default.storage.secret_path.expanduser()
    assert (config.matching, config.contact, config.flood) == (
        default.matching, default.contact, default.flood)
    assert config.telegram == default.telegram
    assert config.telegram.selfcheck_timeout == 600  # ten minutes without a tap
    assert config.telegram.digest_days == 7  # admins' digest once a week


def test_written_values_win(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, (
        "telegram:\n  selfcheck_timeout: 90\n  faq_check_seconds: 0\n  admins: [7]\n"
        "  digest_days: 0\n"
        "storage:\n  retention_days: 30\n  path: db/x.sqlite3\n"
        "matching:\n  answer_threshold: 50\n")))
    assert config.telegram == dataclasses.replace(
        Config().telegram, selfcheck_timeout=90.0, faq_check_seconds=0.0, admins=(7,),
        digest_days=0.0)
    assert (config.storage.retention_days, config.storage.path) == (30, tmp_path / "db/x.sqlite3")
    assert config.matching.answer_threshold == 50


@pytest.mark.parametrize(
    ("text", "message"),
    [("telegram:\n  mode: push\n", "telegram.mode must be 'polling' or 'webhook'"),
     ("matching:\n  suggest_threshold: 60\n", "suggest_threshold <= answer_threshold"),
     ("matching:\n  answer: 1\n", "unexpected keyword argument 'answer'"),
     ("storage: 3\n", "'storage' must be a mapping"),
     ("- a\n", "expected a mapping at the top level")],
    ids=["mode", "thresholds", "unknown-key", "not-a-section", "not-a-mapping"],
)
def test_a_wrong_value_is_one_config_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match="config.yaml") as raised:
        load_config(write(tmp_path, text))
    assert message in str(raised.value)
