"""The /lotrinh picture: drawn from faq/path.yaml into a phone-sized PNG, redrawn on change."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.admission_path import PATH_FILE, SCHEMA_FILE, AdmissionPath, load_path, path_text
from bot.core.engine import Engine
from bot.tg import path_image
from tests.conftest import ROOT

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def real_path(real_engine: Engine) -> AdmissionPath:
    path = load_path(ROOT / "faq", real_engine.faq)
    assert path is not None
    return path


@pytest.fixture(scope="module")
def real_png(real_path: AdmissionPath) -> bytes:
    return path_image.render_png(real_path)


def edited_path(tmp_path: Path, engine: Engine, old: str, new: str) -> AdmissionPath:
    """A tmp copy of path.yaml with one change, loaded against the real FAQ."""
    (tmp_path / "schema").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "faq" / SCHEMA_FILE, tmp_path / SCHEMA_FILE)
    text = (ROOT / "faq" / PATH_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / PATH_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    path = load_path(tmp_path, engine.faq)
    assert path is not None
    return path


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk, checking each CRC: a truncated or corrupt file fails here."""
    found, offset = [], len(PNG_SIGNATURE)
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset:offset + 4])
        kind = png[offset + 4:offset + 8]
        data = png[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length:offset + 12 + length])
        assert zlib.crc32(kind + data) == crc, kind
        found.append((kind, data))
        offset += 12 + length
    return found


def test_renders_a_valid_png_of_phone_friendly_size(real_png: bytes) -> None:
    assert real_png[:8] == PNG_SIGNATURE
    kinds = [kind for kind, _ in chunks(real_png)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    width, height = path_image.png_size(real_png)
    assert width == 1080  # a phone's screen width in px: no scaling, large text stays large
    assert height <= path_image.MAX_HEIGHT  # Telegram keeps it unscaled, so zoom stays sharp
    assert height / width <= 20  # Telegram's limit for photos
    assert len(real_png) < 10 * 1024 * 1024  # sendPhoto's limit


def test_picture_has_no_version_stamp_and_is_reproducible(
    real_png: bytes, real_path: AdmissionPath
) -> None:
    texts = [data for kind, data in chunks(real_png) if kind in (b"tEXt", b"iTXt")]
    assert not any(b"matplotlib" in t for t in texts)
    assert texts == [f"Source\0{path_image.source_stamp(real_path)}".encode()]
    assert path_image.render_png(real_path) == real_png


def test_changing_a_deadline_changes_the_picture_and_the_text(
    tmp_path: Path, real_engine: Engine, real_path: AdmissionPath, real_png: bytes
) -> None:
    # 30 is also in thoi-han-quyet-dinh's answer (the extension), so the copy still validates.
    changed = edited_path(tmp_path, real_engine, "      amount: 60\n", "      amount: 30\n")
    assert changed.digest != real_path.digest
    assert path_image.render_png(changed) != real_png
    assert "30 ngày làm việc kể từ nghị quyết chi bộ" in path_text(changed)
    assert "60 ngày làm việc" not in path_text(changed)


def test_cache_draws_once_per_content_and_redraws_on_change(
    tmp_path: Path, real_engine: Engine, real_path: AdmissionPath,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[str] = []

    def fake_render(path: AdmissionPath) -> bytes:
        drawn.append(path.digest)
        return PNG_SIGNATURE + path.digest.encode()

    monkeypatch.setattr(path_image, "render_png", fake_render)
    cache = tmp_path / "cache"
    first = path_image.cached_png(real_path, cache)
    assert path_image.cached_png(real_path, cache) == first
    assert drawn == [real_path.digest]  # the second call read the file

    changed = edited_path(tmp_path / "edit", real_engine, "title: Lộ trình kết nạp Đảng",
                          "title: Các bước vào Đảng")
    second = path_image.cached_png(changed, cache)
    assert second != first and drawn == [real_path.digest, changed.digest]
    assert [p.name for p in cache.iterdir()] == [
        f"{path_image.CACHE_PREFIX}{path_image.cache_key(changed)}.png"]  # the old one is gone


def test_a_new_layout_version_is_a_new_cache_key(
    real_path: AdmissionPath, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = path_image.cache_key(real_path)
    monkeypatch.setattr(path_image, "RENDER_VERSION", "next")
    assert path_image.cache_key(real_path) != before


def test_png_size_refuses_other_files() -> None:
    with pytest.raises(ValueError):
        path_image.png_size(b"GIF89a" + b"\0" * 30)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Chi", "bộ", "đảng", "viên", "chính", "thức", "Quyết",
                                 "định", "kết", "nạp", "60", "(*)", "2/3"]),
                min_size=1, max_size=40))
def test_wrapping_keeps_every_word_and_fits_the_box(words: list[str]) -> None:
    lines = path_image._wrap(" ".join(words), 27, "#000")
    assert " ".join(line.text for line in lines).split(" ") == words
    assert all(path_image._measure(line.text, 27, False) <= path_image.TEXT_W
               or " " not in line.text for line in lines)


def test_readme_shows_the_current_picture(real_path: AdmissionPath) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/lo-trinh.png)" in readme
    png = (ROOT / "docs" / "lo-trinh.png").read_bytes()
    assert path_image.png_size(png)[0] == 1080
    stamps = [data for kind, data in chunks(png) if kind == b"tEXt"]
    assert f"Source\0{path_image.source_stamp(real_path)}".encode() in stamps, (
        "faq/path.yaml changed: run python -m bot render-path docs/lo-trinh.png")
