"""/kiemtra in `python -m bot chat`: the self-check one question at a time, answers by number."""

from __future__ import annotations

from typing import TextIO

from bot.core import selfcheck
from bot.core.model import Entry, Faq
from bot.core.settings import Contact

COMMAND = "/kiemtra"
CANCEL = "/huy"
INTRO = "Tự kiểm tra: 5 câu hỏi ngắn, trả lời bằng số. Gõ /huy để dừng."
CANCELLED = "Đã dừng phần tự kiểm tra. Câu trả lời của bạn không được lưu."
CHECKLIST_INTRO = "Việc bạn nên làm tiếp:"
PICK_HINT = "Gõ số để đọc giải thích của từng việc."


def run_self_check(
    stdin: TextIO, contact: Contact, faq: Faq, interactive: bool = False
) -> list[Entry]:
    """Ask, then print the checklist; returns its entries so a number opens one."""
    print(INTRO, flush=True)
    answers: dict[str, str] = {}
    while (question := selfcheck.next_question(answers)) is not None:
        picked = _ask(stdin, question, len(answers) + 1, interactive)
        if picked is None:
            print(CANCELLED, end="\n\n", flush=True)
            return []
        answers[question.key] = picked
    result = selfcheck.checklist(answers, contact)
    entries = [faq.get(item.entry_id) for item in result.items]
    print(format_checklist(result, faq), end="\n\n", flush=True)
    return [e for e in entries if e is not None]


def format_checklist(result: selfcheck.Checklist, faq: Faq) -> str:
    lines = [CHECKLIST_INTRO]
    for number, item in enumerate(result.items, 1):
        entry = faq.get(item.entry_id)
        lines.append(f"{number}. {item.text}")
        if entry is not None:
            lines.append(f"   → {entry.question}")
    lines += [result.contact, PICK_HINT]
    return "\n".join(lines)


def _ask(
    stdin: TextIO, question: selfcheck.Question, number: int, interactive: bool
) -> str | None:
    """The chosen option's key; None on /huy or end of input."""
    total = len(selfcheck.QUESTIONS)
    print(f"Câu {number}/{total}: {question.text}", flush=True)
    for index, option in enumerate(question.options, 1):
        print(f"  {index}. {option.label}", flush=True)
    while True:
        if interactive:
            print("Bạn: ", end="", flush=True)
        line = stdin.readline()
        text = line.strip()
        if not line or text == CANCEL:
            return None
        if text.isdigit() and 1 <= int(text) <= len(question.options):
            return question.options[int(text) - 1].key
        print(f"Hãy gõ một số từ 1 đến {len(question.options)}, hoặc /huy để dừng.", flush=True)
