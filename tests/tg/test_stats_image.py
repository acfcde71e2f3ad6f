"""/stats picture: what it shows (the numbers drawn), and that it is phone-sized."""

from __future__ import annotations

import datetime as dt

from matplotlib.text import Text

from bot.curation.stats_view import StatsView
from bot.store.review_sql import Day
from bot.tg import render_review, stats_image
from tests.png import png_size

FIRST = dt.date(2026, 11, 1)


def view() -> StatsView:
    days = [Day(FIRST + dt.timedelta(days=i), 0, 0, 0) for i in range(30)]
    days[3] = Day(days[3].day, 12, 3, 2)
    days[29] = Day(days[29].day, 5, 1, 4)
    return StatsView(
        first_day=FIRST, days=tuple(days), upvotes=37, downvotes=3,
        top_entries=(("Bao nhiêu tuổi thì được vào Đảng?", 9), ("Đảng phí đóng bao nhiêu?", 4)),
        top_groups=(("đảng viên có được đi xuất khẩu lao động không " * 3, 6),),
    )


def texts(figure: object) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]  # type: ignore[attr-defined]


def test_the_picture_shows_the_numbers() -> None:
    drawn = texts(stats_image.figure(view()))
    assert "Thống kê 30 ngày" in drawn
    assert ("27 câu hỏi · trả lời ngay 17 (63%) · gợi ý 4 · chưa trả lời\nđược 6"
            in drawn)
    assert "Bấm không hài lòng: 3/40 lượt góp ý (8%)" in drawn
    assert {"Trả lời ngay (17)", "Gợi ý (4)", "Chưa trả lời được (6)"} <= set(drawn)
    assert {"02/11", "09/11", "30/11"} <= set(drawn) and "01/11" not in drawn  # weekly ticks
    assert {"Mục được hỏi nhiều nhất", "Nhóm câu hỏi chưa trả lời lớn nhất"} <= set(drawn)
    start = drawn.index("9")  # each ranked item: its count, then its label
    assert drawn[start:start + 4] == ["9", "Bao nhiêu tuổi thì được vào Đảng?", "4",
                                      "Đảng phí đóng bao nhiêu?"]
    group = drawn[drawn.index("6") + 1]  # a long question: two lines, then cut
    assert group.endswith("…") and group.count("\n") == 1


def test_the_caption_repeats_the_key_numbers() -> None:
    assert render_review.stats_caption(view()) == (
        "📊 30 ngày: 27 câu hỏi · trả lời ngay 17 (63%) · gợi ý 4 · chưa trả lời được 6 · "
        "👎 3/40 lượt góp ý (8%)")


def test_an_empty_month_still_draws() -> None:
    empty = StatsView(FIRST, tuple(Day(FIRST + dt.timedelta(days=i), 0, 0, 0)
                                   for i in range(30)), 0, 0, (), ())
    drawn = texts(stats_image.figure(empty))
    assert "0 câu hỏi · trả lời ngay 0 (—) · gợi ý 0 · chưa trả lời được 0" in drawn
    assert drawn.count("Chưa có dữ liệu") == 2


def test_a_phone_sized_png() -> None:
    png = stats_image.render_png(view())
    assert png_size(png) == (1080, 1920)  # portrait, a phone's width: no zooming to read
    assert len(png) < 500_000
