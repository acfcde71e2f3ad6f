"""What /lotrinh and /kiemtra show: captions, keyboards and messages, in Telegram HTML.

Kept apart from render.py (the answer replies) so the two features can change alone; the
same rules apply: Vietnamese, HTML, every fragment from a file escaped, limits from
telegram.constants.
"""

from __future__ import annotations

import html

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
from bot.tg.render import Reply

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


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


# --- /lotrinh ---------------------------------------------------------------------------------


def caption(path: AdmissionPath) -> str:
    """Title, hedge, sources and date; within Telegram's caption limit."""
    lines = [f"<b>{_e(path.title)}</b>"]
    if hedge_line(path):
        lines.append(_e(hedge_line(path)))
    lines += [_e(f"{sources_line(path)} — {updated_line(path)}."), TAP_A_STEP]
    text = "\n".join(lines)
    if len(text) > MessageLimit.CAPTION_LENGTH:  # a long source list: the text version has it
        text = "\n".join([lines[0], TAP_A_STEP])
    return text


def path_keyboard(path: AdmissionPath, with_text_button: bool = True) -> InlineKeyboardMarkup:
    rows = [[_button(f"{n}. {step.label}", callbacks.answer(step.entry_id))]
            for n, step in enumerate(path.steps, 1)]
    if with_text_button:
        rows.append([_button(TEXT_BUTTON, callbacks.path_text())])
    rows.append([_button(SELFCHECK_BUTTON, callbacks.selfcheck_start())])
    return InlineKeyboardMarkup(rows)


def text_version(path: AdmissionPath) -> Reply:
    return Reply((to_html(path_text(path)),), path_keyboard(path, with_text_button=False))


# --- /kiemtra ---------------------------------------------------------------------------------


def question(q: selfcheck.Question, number: int) -> Reply:
    total = len(selfcheck.QUESTIONS)
    text = f"{SELFCHECK_INTRO}\n\n<b>Câu {number}/{total}:</b> {_e(q.text)}"
    rows = [[_button(o.label, callbacks.selfcheck(q.key, o.key))] for o in q.options]
    rows.append([_button(CANCEL_BUTTON, callbacks.selfcheck_cancel())])
    return Reply((text,), InlineKeyboardMarkup(rows))


def checklist(result: selfcheck.Checklist, faq: Faq) -> Reply:
    lines = [f"<b>{SELFCHECK_DONE}</b>"]
    lines += [f"{n}. {_e(item.text)}" for n, item in enumerate(result.items, 1)]
    lines += ["", _e(result.contact), "", "Bấm để đọc giải thích từng việc:"]
    rows = [[_button(f"{n}. {entry.question}", callbacks.answer(entry.id))]
            for n, item in enumerate(result.items, 1)
            if (entry := faq.get(item.entry_id)) is not None]
    return Reply(("\n".join(lines),), InlineKeyboardMarkup(rows))
