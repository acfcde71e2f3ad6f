"""Fixtures for the Telegram layer: a small FAQ in tmp_path and the real Application."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Config, FloodConfig, StorageConfig, TelegramConfig
from bot.core.settings import Contact
from bot.tg.runner import build_application
from tests.conftest import ROOT
from tests.tg.harness import ADMIN_ID, TOKEN, Harness, RecordingRequest

TOPICS = """\
- id: dieu-kien
  name: Ai được vào Đảng
- id: ho-so
  name: Hồ sơ & giấy tờ
- id: dang-phi
  name: Đảng phí
"""

SOURCES = """\
dieu-le:
  kind: party
  number: Điều lệ Đảng
  title: Điều lệ Đảng Cộng sản Việt Nam
  date: 2011-01-19
  status: in-force
  url: https://example.org/dieu-le?a=1&b=2
qd-cu:
  kind: party
  number: 232-QĐ/TW
  title: Quy định 232-QĐ/TW
  status: superseded
  superseded_by: qd-moi
  url: https://example.org/232
qd-moi:
  kind: party
  number: 294-QĐ/TW
  title: Quy định 294-QĐ/TW
  status: in-force
  url: https://example.org/294
"""

DIEU_KIEN = """\
- id: tuoi-vao-dang
  topic: dieu-kien
  question: Bao nhiêu tuổi thì được vào Đảng?
  alternates:
    - mấy tuổi được vào đảng
    - em 17 tuổi có vào đảng được không
    - tuổi tối thiểu kết nạp đảng
    - do tuoi vao dang la bao nhieu
  answer: |-
    Bạn phải **đủ 18 tuổi** khi chi bộ họp xét kết nạp.
    - Tuổi tính đến tháng.
  sources:
    - doc: dieu-le
      ref: Điều 1, khoản 2
  reviewed: 2026-11-22
  related: [hoc-van, nguoi-gioi-thieu]
- id: hoc-van
  topic: dieu-kien
  question: Vào Đảng cần trình độ học vấn gì?
  alternates:
    - học hết lớp mấy thì được vào đảng
    - bằng cấp 2 có vào đảng được không
    - trình độ văn hóa tối thiểu để vào đảng
  answer: Cần tốt nghiệp trung học cơ sở trở lên.
  sources:
    - doc: qd-moi
      ref: Mục 1.2
    - doc: qd-cu
      ref: Mục 1.2.1
  reviewed: 2026-11-22
  related: [tuoi-vao-dang]
- id: nguoi-gioi-thieu
  topic: dieu-kien
  question: Ai giới thiệu người vào Đảng?
  alternates:
    - cần mấy người giới thiệu vào đảng
    - người giới thiệu vào đảng là ai
  answer: Hai đảng viên chính thức cùng công tác ít nhất 12 tháng giới thiệu.
  sources:
    - doc: dieu-le
      ref: Điều 4
  reviewed: 2026-11-22
"""

HO_SO = """\
- id: ho-so-gom-gi
  topic: ho-so
  question: Hồ sơ vào Đảng gồm những giấy tờ gì?
  alternates:
    - hồ sơ kết nạp đảng cần những gì
    - làm hồ sơ vào đảng cần giấy tờ gì
  answer: Đơn xin vào Đảng, lý lịch <mẫu 2-KNĐ> & giấy giới thiệu; điểm < 5 là "chưa đạt".
  sources:
    - doc: qd-moi
      ref: Mục 3 <hồ sơ>
  reviewed: 2026-01-05
"""

DANG_PHI = """\
- id: muc-dang-phi
  topic: dang-phi
  question: Đảng phí đóng bao nhiêu mỗi tháng?
  alternates:
    - đảng phí bao nhiêu tiền
    - mức đóng đảng phí hằng tháng
  answer: Đảng viên đóng **1%** thu nhập hằng tháng.
  sources:
    - doc: qd-moi
      ref: Mục 5
  reviewed: 2026-11-22
"""

FIXTURE_FAQ = ROOT / "tests" / "fixtures" / "faq"


def write_faq(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copytree(FIXTURE_FAQ / "schema", target / "schema")
    shutil.copy(FIXTURE_FAQ / "glossary.yaml", target / "glossary.yaml")
    (target / "sources").mkdir()
    shutil.copy(FIXTURE_FAQ / "sources" / "publishers.yaml", target / "sources")
    (target / "sources" / "docs.yaml").write_text(SOURCES, encoding="utf-8")
    (target / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    (target / "dieu-kien.yaml").write_text(DIEU_KIEN, encoding="utf-8")
    (target / "ho-so.yaml").write_text(HO_SO, encoding="utf-8")
    (target / "dang-phi.yaml").write_text(DANG_PHI, encoding="utf-8")
    return target


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta `retry_after`, as run_bot does, so no deprecation warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def faq_dir(tmp_path: Path) -> Path:
    return write_faq(tmp_path / "faq")


@pytest.fixture
def config(tmp_path: Path, faq_dir: Path) -> Config:
    return Config(
        faq_dir=faq_dir,
        contact=Contact(name="Bí thư <chi bộ> & công đoàn", how="Hỏi tại văn phòng công đoàn."),
        telegram=TelegramConfig(rate_limiter=False, admins=(ADMIN_ID,)),
        storage=StorageConfig(
            path=tmp_path / "data" / "bot.sqlite3",
            retention_days=30,
            secret_path=tmp_path / "secret" / "key",
        ),
        flood=FloodConfig(per_user_messages=5, per_user_seconds=60),
    )


@pytest.fixture
async def harness(config: Config, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    monkeypatch.delenv("BOT_HASH_SECRET", raising=False)
    async with running(config) as h:
        yield h


class running:
    """Initialise the app and run post_init as run_polling would; shut down afterwards."""

    def __init__(self, config: Config, request: RecordingRequest | None = None) -> None:
        self.request = request or RecordingRequest()
        self.app = build_application(config, TOKEN, request=self.request)

    async def __aenter__(self) -> Harness:
        await self.app.initialize()
        assert self.app.post_init is not None
        await self.app.post_init(self.app)
        return Harness(self.app, self.request)

    async def __aexit__(self, *exc: object) -> None:
        await self.app.shutdown()
        assert self.app.post_shutdown is not None
        await self.app.post_shutdown(self.app)
        assert self.request.unexpected == [], "the bot called methods it should not have"


def copy_real_faq(tmp_path: Path) -> Path:
    """A writable copy of the real FAQ (its path.yaml links real entries)."""
    target = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", target)
    return target
