"""The /lotrinh picture: drawn from faq/path.yaml into a phone-sized PNG, redrawn on change."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.admission_path import (
    PATH_FILE,
    SCHEMA_FILE,
    AdmissionPath,
    Deadline,
    Step,
    load_path,
    path_text,
)
from bot.core.engine import Engine
from bot.core.model import Document
from bot.tg import path_image
from tests.conftest import ROOT
from tests.png import PNG_SIGNATURE, chunks, png_size

TELEGRAM_PHOTO_SIDE = 2560  # px: Telegram keeps a photo this long unscaled, so zoom stays sharp


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


def test_renders_a_valid_png_of_phone_friendly_size(real_png: bytes) -> None:
    assert real_png[:8] == PNG_SIGNATURE
    kinds = [kind for kind, _ in chunks(real_png)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    width, height = png_size(real_png)
    assert width == 1080  # a phone's screen width in px: no scaling, large text stays large
    assert height <= TELEGRAM_PHOTO_SIDE
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
    assert png_size(png)[0] == 1080
    stamps = [data for kind, data in chunks(png) if kind == b"tEXt"]
    assert f"Source\0{path_image.source_stamp(real_path)}".encode() in stamps, (
        "faq/path.yaml changed: run python -m bot render-path docs/lo-trinh.png")


def _document(key: str, status: str, year: int) -> Document:
    return Document(key=key, kind="party", title=f"Quy định {key}", url="https://x.vn",
                    number=f"{key}-QĐ/TW", date=dt.date(year, 1, 1), status=status)


def drawn_text(path: AdmissionPath) -> str:
    """Everything the picture writes, in drawing order; wrapped lines joined by a space."""
    figure = path_image.draw(path)
    return " ".join(text.get_text() for ax in figure.axes for text in ax.texts)


def test_the_picture_says_each_deadline_in_full_and_marks_the_uncertain_one() -> None:
    """What the picture says, not only that it is a PNG: the deadline counts from something,
    and a number read in a superseded rule carries (*) and the footer says what (*) means."""
    new, old = _document("294", "in-force", 2025), _document("232", "superseded", 2024)
    steps = (
        Step("xet", "Chi bộ xét", "Chi bộ", "chi-bo-xet", (new,)),
        Step("quyet-dinh", "Quyết định kết nạp", "Đảng ủy có thẩm quyền", "thoi-han",
             (new, old), Deadline(60, "ngày làm việc", "nghị quyết chi bộ", hedged=True)),
        Step("du-bi", "Đảng viên dự bị", "Chi bộ", "du-bi", (new,),
             Deadline(12, "tháng", "ngày kết nạp")),
    )
    path = AdmissionPath("Lộ trình kết nạp", dt.date(2026, 11, 22), steps, "d" * 64)
    text = drawn_text(path)
    assert "Thời hạn: 60 ngày làm việc kể từ nghị quyết chi bộ\u00a0(*)" in text
    assert "Thời hạn: 12 tháng kể từ ngày kết nạp Nguồn" not in text  # not run into the footer
    assert "Thời hạn: 12 tháng kể từ ngày kết nạp" in text
    assert "ngày kết nạp\u00a0(*)" not in text  # an in-force deadline is not hedged
    assert "(*) Thời hạn có trong quy định trước (232-QĐ/TW năm 2024)" in text
    assert "Nguồn: 294-QĐ/TW (2025) — cập nhật 22/11/2026" in text
    for number, step in enumerate(steps, 1):
        assert f"{number} {step.label} Ai làm: {step.actor}" in text
