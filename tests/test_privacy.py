"""Scrubbing contact details and hashing users (bot/store/privacy.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.config import StorageConfig, load_config
from bot.store.privacy import SECRET_ENV, hash_user, load_secret, scrub
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gọi em 0912345678 nhé", "gọi em [số điện thoại] nhé"),
        ("sđt 0912 345 678", "sđt [số điện thoại]"),
        ("sđt 091.234.5678", "sđt [số điện thoại]"),
        ("+84 912 345 678 ạ", "[số điện thoại] ạ"),
        ("84912345678", "[số điện thoại]"),
        ("máy bàn 024 3825 1234", "máy bàn [số điện thoại]"),
        ("mail lan.nguyen+dang@cong-ty.com.vn nhé", "mail [email] nhé"),
        ("cccd 001203004567", "cccd [số giấy tờ]"),
        ("CCCD: 001 203 004 567", "CCCD: [số giấy tờ]"),
        ("cmnd 123456789", "cmnd [số giấy tờ]"),
        ("cmnd 123.456.789", "cmnd [số giấy tờ]"),
        ("em 17 tuổi, năm 2026, quy định 294-QĐ/TW", "em 17 tuổi, năm 2026, quy định 294-QĐ/TW"),
        ("Nghị định 98/2014/NĐ-CP điều 12", "Nghị định 98/2014/NĐ-CP điều 12"),
        ("lương 5.000.000 đồng", "lương 5.000.000 đồng"),
        ("", ""),
    ],
    ids=["mobile", "spaced", "dotted", "plus84", "84", "landline", "email", "cccd",
         "cccd-grouped", "cmnd", "cmnd-dotted", "years-and-rules", "decree", "salary", "empty"],
)
def test_scrub(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_secret_is_created_once_with_owner_only_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    path = tmp_path / "config" / "secret"
    first = load_secret(path)
    assert len(first) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_secret(path) == first


def test_secret_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "from-env")
    path = tmp_path / "secret"
    assert load_secret(path) == b"from-env"
    assert not path.exists()


def test_hash_is_keyed_and_stable() -> None:
    assert hash_user(b"k1", 42) == hash_user(b"k1", 42)
    assert hash_user(b"k1", 42) != hash_user(b"k2", 42)
    assert hash_user(b"k1", 42) != hash_user(b"k1", 43)
    assert "42" not in hash_user(b"k1", 42)
    assert len(hash_user(b"k1", 42)) == 64


def test_a_secret_with_loose_permissions_is_made_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    path = tmp_path / "secret"
    path.write_text("restored-from-backup\n", encoding="ascii")
    path.chmod(0o644)
    assert load_secret(path) == b"restored-from-backup"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_empty_secret_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    path = tmp_path / "secret"
    path.write_text("\n", encoding="ascii")
    with pytest.raises(OSError, match="empty"):
        load_secret(path)


def test_a_blank_environment_secret_falls_back_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, "   ")
    path = tmp_path / "secret"
    assert len(load_secret(path)) == 64 and path.exists()


def test_the_default_secret_lives_outside_the_repository() -> None:
    default = StorageConfig().secret_path.expanduser().resolve()
    from_yaml = load_config(ROOT / "config.yaml").storage.secret_path.resolve()
    for path in (default, from_yaml):
        assert not path.is_relative_to(ROOT.resolve()), path
