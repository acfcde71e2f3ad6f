"""Inline mode: `@bot câu hỏi` lists sourced answers; an empty query lists useful ones."""

from __future__ import annotations

from telegram.constants import InlineQueryLimit, MessageLimit

from tests.tg.harness import Harness, inline_query
from tests.tg.telegram_html import visible_text


async def results_for(harness: Harness, query: str) -> tuple[list[dict], dict]:
    calls = await harness.send(inline_query(query))
    assert [c.method for c in calls] == ["answerInlineQuery"]
    return calls[0].params["results"], calls[0].params


async def test_a_question_lists_the_best_answers(harness: Harness) -> None:
    results, params = await results_for(harness, "mấy tuổi được vào đảng")
    assert results[0]["id"] == "tuoi-vao-dang"
    assert results[0]["type"] == "article"
    assert results[0]["title"] == "Bao nhiêu tuổi thì được vào Đảng?"
    assert results[0]["description"] == "Bạn phải đủ 18 tuổi khi chi bộ họp xét kết nạp."
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["link_preview_options"] == {"is_disabled": True}
    assert "📚 Nguồn:" in visible_text(content["message_text"])
    assert results[0]["reply_markup"]["inline_keyboard"][0][0]["url"] == (
        "https://t.me/HoiDapTestBot?start=tuoi-vao-dang"
    )
    assert "button" not in params


async def test_an_empty_query_lists_featured_entries(harness: Harness) -> None:
    results, _ = await results_for(harness, "   ")
    assert [r["id"] for r in results] == [
        "tuoi-vao-dang", "ho-so-gom-gi", "muc-dang-phi", "hoc-van", "nguoi-gioi-thieu",
    ]
    assert len(results) <= InlineQueryLimit.RESULTS


async def test_the_share_button_query_puts_its_entry_first(harness: Harness) -> None:
    results, _ = await results_for(harness, "Vào Đảng cần trình độ học vấn gì?")
    assert results[0]["id"] == "hoc-van"
    assert len({r["id"] for r in results}) == len(results)


async def test_nothing_found_offers_to_open_the_bot(harness: Harness) -> None:
    results, params = await results_for(harness, "thời tiết hôm nay")
    assert results == []
    assert params["button"] == {"text": "Mở bot để hỏi", "start_parameter": "inline"}


async def test_a_long_hostile_query_is_harmless(harness: Harness) -> None:
    results, _ = await results_for(harness, ("<b>&amp;" * 40)[:256])
    for result in results:
        text = result["input_message_content"]["message_text"]
        visible_text(text)
        assert len(text) <= MessageLimit.MAX_TEXT_LENGTH
