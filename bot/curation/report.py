"""Plain-text views of curation for the command line: the groups, the audit log."""

from __future__ import annotations

import datetime as dt

import yaml

from bot.core.miss_groups import MissGroup
from bot.store.review_sql import Change

VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")
ADMIN_SHOWN = 8  # characters of an admin's hash: enough to tell admins apart
WORDINGS_SHOWN = 5
MISSES_HEADER = (
    "# Câu hỏi bot chưa trả lời được, bị bấm 👎, hoặc gợi ý không ai chọn, gộp theo ý.\n"
    "# Mỗi nhóm: `python -m bot add-phrasing <id trong closest> \"<question>\"` nếu đúng ý,\n"
    "# hoặc viết một mục mới (xem faq/README.md).\n"
)
ACTIONS = {"add_phrasing": "➕ thêm cách hỏi", "draft": "🆕 mục nháp", "dismiss": "🗑 bỏ qua",
           "undo": "↩️ hoàn tác"}


def groups_yaml(groups: list[MissGroup]) -> str:
    """The groups as YAML a curator reads (most asked first)."""
    stubs = [
        {
            "question": g.question,
            "count": g.count,
            "downvotes": g.downvotes,
            "last_asked": local(g.last_asked).date().isoformat(),
            "closest": [e.id for e in g.closest],
            "asked_as": list(g.wordings[:WORDINGS_SHOWN]),
        }
        for g in groups
    ]
    body = yaml.safe_dump(stubs, allow_unicode=True, sort_keys=False, width=99)
    return MISSES_HEADER + (body if stubs else "[]\n")


def change_line(change: Change) -> str:
    """One line of the audit log: when, who (hash prefix), what, which entry and file."""
    when = local(change.at).strftime("%d/%m/%Y %H:%M")
    who = change.admin if change.admin == "console" else change.admin[:ADMIN_SHOWN]
    what = ACTIONS.get(change.action, change.action)
    where = " ".join(p for p in (change.entry_id, f"({change.file})" if change.file else "") if p)
    undone = f" [đã hoàn tác bởi #{change.undone_by}]" if change.undone_by else ""
    return f"#{change.id} {when} {who}: {what} {where} «{change.text}»{undone}".replace("  ", " ")


def local(at: dt.datetime) -> dt.datetime:
    return at.astimezone(VIETNAM_TIME)
