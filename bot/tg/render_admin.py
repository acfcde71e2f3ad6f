"""Replies only admins see: /stats, /misses, /reload and a broken faq/ on disk."""

from __future__ import annotations

import datetime as dt

from bot.core.model import Faq
from bot.core.problems import Problem
from bot.store.storage import Miss, Stats
from bot.tg.reply import Reply, escape

VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")
MAX_PROBLEMS_SHOWN = 30
STORAGE_DOWN = "⚠️ Không đọc được cơ sở dữ liệu; xem log của bot."


def stats(data: Stats | None, faq: Faq) -> Reply:
    if data is None:
        return Reply.of(STORAGE_DOWN)
    rate = f"{data.answered / data.questions:.0%}" if data.questions else "—"
    lines = [
        f"📊 <b>Thống kê {data.days} ngày gần nhất</b>",
        f"Câu hỏi: {data.questions}",
        f"Trả lời ngay: {data.answered} ({rate})",
        f"Gợi ý câu gần đúng: {data.suggested}",
        f"Chưa trả lời được: {data.unanswered}",
        f"Góp ý: 👍 {data.upvotes} · 👎 {data.downvotes}",
    ]
    if data.top_entries:
        lines += ["", "<b>Được xem nhiều nhất</b>"]
        for entry_id, count in data.top_entries:
            entry = faq.get(entry_id)
            lines.append(f"• {escape(entry.question if entry else entry_id)} ({count})")
    if data.top_misses:
        lines += ["", "<b>Hỏi nhiều mà chưa có câu trả lời</b>"]
        lines += [f"• «{escape(text)}» ({count})" for text, count in data.top_misses]
    return Reply.of("\n".join(lines))


def misses(items: list[Miss] | None) -> Reply:
    if items is None:
        return Reply.of(STORAGE_DOWN)
    if not items:
        return Reply.of("Chưa có câu hỏi nào bị bỏ lỡ. 🎉")
    lines = ["<b>Câu hỏi chưa trả lời được gần đây</b>"]
    for miss in items:
        when = miss.at.astimezone(VIETNAM_TIME).strftime("%d/%m %H:%M")
        mark = "👎" if miss.kind == "downvote" else "❔"
        guess = f" → <code>{escape(miss.best_id)}</code>" if miss.best_id else ""
        lines.append(f"{mark} {when} «{escape(miss.text)}»{guess}")
    lines += ["", "Xuất cho người biên soạn: <code>python -m bot misses</code>"]
    return Reply.of("\n".join(lines))


def reload_ok(faq: Faq) -> Reply:
    return Reply.of(f"✅ Đã nạp lại FAQ: {len(faq.entries)} câu hỏi, {len(faq.topics)} chủ đề.")


def reload_failed(problems: tuple[Problem, ...]) -> Reply:
    heading = f"❌ FAQ có {len(problems)} lỗi; bot vẫn dùng bản cũ. Sửa rồi gõ /reload:"
    return _problems(heading, problems, MAX_PROBLEMS_SHOWN)


def faq_broken(problems: tuple[Problem, ...], limit: int) -> Reply:
    """To admins, when an edit of faq/ on disk cannot be loaded (bot.tg.faq_watch)."""
    heading = f"❌ Tệp FAQ vừa sửa có {len(problems)} lỗi; bot vẫn dùng bản cũ. Sửa rồi lưu lại:"
    return _problems(heading, problems, limit)


def _problems(heading: str, problems: tuple[Problem, ...], limit: int) -> Reply:
    shown = problems[:limit]
    lines = [heading] + [f"<code>{escape(str(p))}</code>" for p in shown]
    if len(problems) > len(shown):
        lines.append(f"… và {len(problems) - len(shown)} lỗi khác (chạy python -m bot validate).")
    return Reply.of("\n".join(lines))
