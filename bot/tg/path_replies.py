"""What /lotrinh and /kiemtra show: captions, keyboards and messages, in Telegram HTML.

Kept apart from render.py (the answer replies) so the two features can change alone; the
same rules apply: Vietnamese, HTML, every fragment from a file escaped, limits from
telegram.constants.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.core import selfcheck
from bot.core.admission_path import (
    AdmissionPath,
    hedge_line,
    path_text,
    sources_line,
    updated_line,
)
from bot.core.markup import to_html
from bot.core.model import Faq
from bot.tg import callbacks
from bot.tg.reply import Reply, button, escape

NO_PATH = "Lộ trình chưa sẵn sàng. Bạn thử hỏi «các bước kết nạp đảng» nhé."
TAP_A_STEP = "Bấm một bước để đọc giải thích."
TEXT_BUTTON = "📝 Bản chữ (không tải được ảnh)"
SELFCHECK_BUTTON = "✅ Tự kiểm tra: tôi đang ở đâu?"
CANCEL_BUTTON = "✖️ Hủy"

SELFCHECK_INTRO = "<b>Tự kiểm tra</b> — 5 câu hỏi ngắn, bấm nút để trả lời. Gõ /huy để dừng."
SELFCHECK_CANCELLED = "Đã dừng phần tự kiểm tra; câu trả lời của bạn không được lưu lại."
SELFCHECK_TIMEOUT = ("Phần tự kiểm tra đã dừng vì lâu không có trả lời; câu trả lời không được "
                     "lưu lại. Gõ /kiemtra để làm lại.")
SELFCHECK_DONE = "Việc bạn nên làm tiếp:"
SELFCHECK_PRIVATE = "Phần tự kiểm tra chỉ có trong tin nhắn riêng với bot."
ALREADY_ANSWERED = "Câu này bạn đã trả lời rồi."
NOTHING_TO_CANCEL = "Không có gì để hủy. Gõ /kiemtra để tự kiểm tra, /lotrinh để xem lộ trình."


# --- /lotrinh ---------------------------------------------------------------------------------


def caption(path: AdmissionPath) -> str:
    """Title, hedge, sources and date; within Telegram's caption limit."""
    lines = [f"<b>{escape(path.title)}</b>"]
    if hedge_line(path):
        lines.append(escape(hedge_line(path)))
    lines += [escape(f"{sources_line(path)} — {updated_line(path)}."), TAP_A_STEP]
    text = "\n".join(lines)
    if len(text) > MessageLimit.CAPTION_LENGTH:  # a long source list: the text version has it
        text = "\n".join([lines[0], TAP_A_STEP])
    return text


def path_keyboard(path: AdmissionPath) -> InlineKeyboardMarkup:
    """Under the picture: a button per step, the text version, the self-check."""
    return InlineKeyboardMarkup(_path_rows(path, with_text_button=True))


def _path_rows(path: AdmissionPath, with_text_button: bool) -> list[list[InlineKeyboardButton]]:
    rows = [[button(f"{n}. {step.label}", callbacks.answer(step.entry_id))]
            for n, step in enumerate(path.steps, 1)]
    if with_text_button:
        rows.append([button(TEXT_BUTTON, callbacks.path_text())])
    rows.append([button(SELFCHECK_BUTTON, callbacks.selfcheck_start())])
    return rows


def text_version(path: AdmissionPath) -> Reply:
    return Reply.of(to_html(path_text(path)), _path_rows(path, with_text_button=False))


# --- /kiemtra ---------------------------------------------------------------------------------


def question(q: selfcheck.Question, number: int) -> Reply:
    total = len(selfcheck.QUESTIONS)
    text = f"{SELFCHECK_INTRO}\n\n<b>Câu {number}/{total}:</b> {escape(q.text)}"
    rows = [[button(o.label, callbacks.selfcheck(q.key, o.key))] for o in q.options]
    rows.append([button(CANCEL_BUTTON, callbacks.selfcheck_cancel())])
    return Reply.of(text, rows)


def checklist(result: selfcheck.Checklist, faq: Faq) -> Reply:
    lines = [f"<b>{SELFCHECK_DONE}</b>"]
    lines += [f"{n}. {escape(item.text)}" for n, item in enumerate(result.items, 1)]
    lines += ["", escape(result.contact), "", "Bấm để đọc giải thích từng việc:"]
    rows = [[button(f"{n}. {entry.question}", callbacks.answer(entry.id))]
            for n, item in enumerate(result.items, 1)
            if (entry := faq.get(item.entry_id)) is not None]
    return Reply.of("\n".join(lines), rows)
