"""Replies only admins see: /reload and a broken faq/ on disk (curation: render_review)."""

from __future__ import annotations

from bot.core.model import Faq
from bot.core.problems import Problem
from bot.tg.reply import Reply, escape

MAX_PROBLEMS_SHOWN = 30


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
