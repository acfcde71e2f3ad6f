"""Replies admins see while turning missed questions into answers: /misses, its buttons,
/changes, the /stats caption and the weekly digest. Every button text starts with its
emoji (➕ 🆕 🗑 ⏬ ↩️), so it can be recognised at a glance."""

from __future__ import annotations

from bot.core.miss_groups import MissGroup
from bot.core.model import Faq
from bot.curation.report import change_line, local
from bot.curation.review import Done
from bot.curation.stats_view import StatsView, percent
from bot.store.review_sql import Change
from bot.tg import callbacks
from bot.tg.reply import Reply, button, escape

PAGE_SIZE = 3  # groups per /misses page: each is one message with its buttons
WORDINGS_SHOWN = 3
DIGEST_GROUPS = 10
FOLLOW_UP = ("Bạn cần hỏi điều gì? Gõ câu hỏi của bạn (không bắt buộc): người biên soạn "
             "sẽ bổ sung câu trả lời.")
FOLLOW_UP_PLACEHOLDER = "Bạn cần hỏi điều gì?"
NONE_LEFT = "Chưa có câu hỏi nào bị bỏ lỡ. 🎉"
STORAGE_DOWN = "⚠️ Không đọc được cơ sở dữ liệu; xem log của bot."


def follow_up() -> Reply:
    return Reply.plain(FOLLOW_UP)


def misses_header(total: int, page: int) -> Reply:
    if total == 0:
        return Reply.of(NONE_LEFT)
    first = page * PAGE_SIZE + 1
    last = min(total, first + PAGE_SIZE - 1)
    return Reply.of(f"🔎 <b>{total} nhóm câu hỏi chưa có câu trả lời</b>, hỏi nhiều nhất trước: "
                  f"nhóm {first}–{last}.")


def group(item: MissGroup, more: int, page: int) -> Reply:
    """One group: its question, how often and when, other wordings, and its buttons."""
    when = local(item.last_asked).strftime("%d/%m %H:%M")
    downs = f" ({item.downvotes} lần bấm 👎)" if item.downvotes else ""
    lines = [f"❔ <b>«{escape(item.question)}»</b>",
             f"Hỏi {item.count} lần{downs} · lần cuối {when}"]
    others = item.wordings[1: 1 + WORDINGS_SHOWN]
    if others:
        lines.append("Cách hỏi khác: " + " · ".join(f"«{escape(w)}»" for w in others))
    if item.closest:
        lines.append("➕ thêm câu này làm một cách hỏi của mục gần nhất:")
    rows = [[button(f"➕ {e.question}", callbacks.review_add(e.id, item.anchor))]
            for e in item.closest]
    rows.append([button("🆕 Mục mới", callbacks.review_new(item.anchor)),
                 button("🗑 Bỏ qua", callbacks.review_skip(item.anchor))])
    if more:
        rows.append([button(f"⏬ Xem tiếp ({more} nhóm)", callbacks.review_more(page + 1))])
    return Reply.of("\n".join(lines), rows)


def done(outcome: Done, faq: Faq) -> Reply:
    undo = [[button("↩️ Hoàn tác", callbacks.undo(outcome.change_id))]]
    match outcome.action:
        case "add_phrasing":
            entry = faq.get(outcome.entry_id)
            name = entry.question if entry is not None else outcome.entry_id
            return Reply.of(f"✅ Đã thêm «{escape(outcome.text)}» vào «{escape(name)}» "
                            f"(<code>{escape(outcome.file)}</code>). Bot đã nạp lại FAQ.", undo)
        case "draft":
            draft, file = escape(outcome.entry_id), escape(outcome.file)
            return Reply.of(f"🆕 Đã tạo mục nháp «{escape(outcome.text)}» (<code>{draft}</code>)"
                            f" trong <code>{file}</code>. Bot chưa dùng mục này cho tới khi người"
                            " biên soạn viết câu trả lời, nguồn và chuyển nó sang tệp chủ đề.",
                            undo)
        case "dismiss":
            return Reply.of(f"🗑 Đã bỏ qua nhóm «{escape(outcome.text)}».", undo)
        case _:
            where = (f"<code>{escape(outcome.file)}</code> đã trở lại đúng như trước"
                     if outcome.file else "nhóm câu hỏi đã trở lại danh sách /misses")
            return Reply.of(f"↩️ Đã hoàn tác: {where}.")


def refused(reason: str) -> Reply:
    return Reply.of(f"❌ Không làm được: {escape(reason)}")


def changes(items: list[Change] | None) -> Reply:
    if items is None:
        return Reply.of(STORAGE_DOWN)
    if not items:
        return Reply.of("Chưa có thay đổi nào.")
    lines = ["📜 <b>Nhật ký thay đổi FAQ</b> (mới nhất trước; quản trị viên theo mã băm)"]
    lines += [escape(change_line(c)) for c in items]
    return Reply.of("\n".join(lines))


def stats_caption(view: StatsView) -> str:
    """The key numbers, also under the picture (a caption holds at most 1024 characters)."""
    return (f"📊 {len(view.days)} ngày: {view.questions} câu hỏi · trả lời ngay "
            f"{view.answered} ({percent(view.answered, view.questions)}) · gợi ý "
            f"{view.suggested} · chưa trả lời được {view.missed} · 👎 {view.downvotes}/"
            f"{view.votes} lượt góp ý ({percent(view.downvotes, view.votes)})")


def digest(new_groups: list[MissGroup], downvotes: int, votes: int, days: int) -> Reply:
    lines = [f"📬 <b>Bản tin {days} ngày</b>"]
    if new_groups:
        lines.append(f"{len(new_groups)} nhóm câu hỏi mới chưa trả lời được:")
        lines += [f"• «{escape(g.question)}» ({g.count})" for g in new_groups[:DIGEST_GROUPS]]
        if len(new_groups) > DIGEST_GROUPS:
            lines.append(f"… và {len(new_groups) - DIGEST_GROUPS} nhóm khác.")
    else:
        lines.append("Không có nhóm câu hỏi mới chưa trả lời được.")
    lines.append(f"👎: {downvotes}/{votes} lượt góp ý ({percent(downvotes, votes)}).")
    lines.append("Gõ /misses để xử lý, /stats để xem ảnh thống kê.")
    return Reply.of("\n".join(lines))
