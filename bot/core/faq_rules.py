"""The rules a parsed FAQ must follow beyond its schema, each reported at file:line.

Shapes and limits (slugs, lengths such as the answer's 3000 characters) are the JSON
Schemas' in faq/schema/, checked before these rules run; here is what a schema cannot say.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re

from bot.core.markup import to_plain
from bot.core.normalize import Normalizer
from bot.core.problems import Problem
from bot.core.raw_faq import Located, RawFaq, phrasings_at

MAX_WORDS_BEFORE_MORE = 180  # "no more than ~150 words before any 'xem thêm' part"
_MORE = re.compile(r"\bxem thêm\b", re.IGNORECASE)


def check(raw: RawFaq, normalizer: Normalizer, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    problems += _topics(raw)
    problems += _documents(raw)
    repeats, unique = _repeated_ids(raw)
    problems += repeats  # a repeated entry is reported once, not once per phrasing in it
    problems += _entries(unique, today)
    problems += _phrasings(unique, normalizer)
    return problems


def _repeated_ids(raw: RawFaq) -> tuple[list[Problem], RawFaq]:
    """Problems for entries whose id is taken, and the FAQ without them."""
    first: dict[str, Located] = {}
    problems, kept = [], []
    for loc in raw.entries:
        earlier = first.setdefault(loc.data["id"], loc)
        if earlier is loc:
            kept.append(loc)
            continue
        where = f"{earlier.file}:{earlier.data.line}"
        if dict(loc.data) == dict(earlier.data):
            message = (f"mục '{loc.data['id']}' giống hệt mục ở {where} (dán hai lần?); "
                       "xóa một trong hai")
        else:
            message = f"id '{loc.data['id']}' đã dùng ở {where}; đặt id khác"
        problems.append(_at(loc, "id", message))
    return problems, dataclasses.replace(raw, entries=kept)


def _at(loc: Located, key: str, message: str) -> Problem:
    return Problem(loc.file, loc.data.line_of(key), message)


def _topics(raw: RawFaq) -> list[Problem]:
    problems, seen = [], set()
    used = {e.data.get("topic") for e in raw.entries}
    for loc in raw.topics:  # id and name: faq/schema/topics.schema.json
        topic_id = loc.data["id"]
        if topic_id in seen:
            problems.append(_at(loc, "id", f"chủ đề '{topic_id}' bị lặp; xóa một mục"))
        elif topic_id not in used:
            problems.append(_at(loc, "id", f"chủ đề '{topic_id}' chưa có mục hỏi đáp nào; "
                                           "thêm mục hoặc xóa chủ đề"))
        seen.add(topic_id)
    return problems


def _documents(raw: RawFaq) -> list[Problem]:
    problems = []
    for key, loc in raw.documents.items():
        status, successor = loc.data.get("status"), loc.data.get("superseded_by")
        if loc.data.get("kind") != "article" and status is None:
            problems.append(_at(loc, "kind", f"văn bản '{key}' cần 'status' "
                                             "(in-force, superseded hoặc unverified)"))
        if status == "superseded" and not successor:
            problems.append(_at(loc, "status", f"văn bản '{key}' đã bị thay thế: ghi "
                                               "'superseded_by: <khóa văn bản mới>'"))
        if successor and successor not in raw.documents:
            problems.append(_at(loc, "superseded_by", f"không có văn bản '{successor}' trong "
                                                      "faq/sources/; khai báo nó trước"))
    return problems


def _entries(raw: RawFaq, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, Located] = {}
    topics = {t.data.get("id") for t in raw.topics}
    for loc in raw.entries:
        ids.setdefault(loc.data["id"], loc)
        if loc.data["topic"] not in topics:
            problems.append(_at(loc, "topic", _unknown_topic(loc.data["topic"], topics)))
        problems += _reviewed(loc, today) + _sources(loc, raw) + _answer(loc)
    for loc in raw.entries:
        problems += _related(loc, ids)
    return problems


def _unknown_topic(topic: str, topics: set[object]) -> str:
    known = sorted(str(t) for t in topics)
    close = difflib.get_close_matches(topic, known, n=1)
    hint = f"có phải '{close[0]}'?" if close else f"các chủ đề: {', '.join(known)}"
    return f"chủ đề '{topic}' không có trong faq/topics.yaml; {hint}"


def _reviewed(loc: Located, today: dt.date) -> list[Problem]:
    try:
        reviewed = dt.date.fromisoformat(str(loc.data["reviewed"]))
    except ValueError:
        return [_at(loc, "reviewed", f"ngày '{loc.data['reviewed']}' không có thật; "
                                     "viết dạng YYYY-MM-DD")]
    if reviewed > today:
        return [_at(loc, "reviewed", f"ngày rà soát {reviewed} ở tương lai; ghi ngày bạn "
                                     "đã kiểm tra")]
    return []


def _sources(loc: Located, raw: RawFaq) -> list[Problem]:
    problems, in_force, replaced = [], False, []
    for index, source in enumerate(loc.data["sources"]):
        key = source["doc"]
        line = loc.data["sources"].line_of(index)
        doc = raw.documents.get(key)
        if doc is None:
            problems.append(Problem(loc.file, line, f"không có văn bản '{key}' trong "
                                                    "faq/sources/; kiểm tra khóa hoặc khai báo"))
            continue
        kind, status = doc.data.get("kind"), doc.data.get("status")
        in_force |= kind != "article" and status == "in-force"
        if status == "superseded":
            successor = raw.documents.get(doc.data.get("superseded_by", ""))
            new = successor.data.get("number", "?") if successor else "?"
            replaced.append(f"{doc.data.get('number', key)} (thay bằng {new})")
    if problems or in_force:
        return problems
    if replaced:
        why = "chỉ dựa vào văn bản đã bị thay thế: " + ", ".join(replaced)
        return [_at(loc, "sources", f"mục '{loc.data['id']}' {why}; "
                                    "thêm nguồn đang có hiệu lực và sửa câu trả lời nếu cần")]
    return [_at(loc, "sources", f"mục '{loc.data['id']}' cần ít nhất một văn bản của Đảng "
                                "hoặc Nhà nước đang có hiệu lực (status: in-force)")]


def _answer(loc: Located) -> list[Problem]:
    answer = to_plain(loc.data["answer"])  # its length: the schema's maxLength
    head = _MORE.split(answer, maxsplit=1)[0]
    words = len(head.split())
    if words > MAX_WORDS_BEFORE_MORE:
        return [_at(loc, "answer", f"câu trả lời có {words} từ trước phần 'Xem thêm'; "
                                   f"tối đa {MAX_WORDS_BEFORE_MORE}: giữ ý chính, chuyển chi "
                                   "tiết xuống 'Xem thêm:' hoặc sang mục khác")]
    return []


def _related(loc: Located, ids: dict[str, Located]) -> list[Problem]:
    problems = []
    related = loc.data.get("related") or []
    for index, other in enumerate(related):
        line = related.line_of(index) if hasattr(related, "line_of") else loc.data.line
        if other == loc.data["id"]:
            problems.append(Problem(loc.file, line, "mục không thể liên quan đến chính nó"))
        elif other not in ids:
            problems.append(Problem(loc.file, line, f"'related' trỏ tới mục '{other}' không "
                                                    "tồn tại; sửa id hoặc xóa dòng"))
    return problems


def phrasing_key(normalizer: Normalizer, text: str) -> tuple[str, ...]:
    """What makes two phrasings the same: their words after normalising, folded."""
    return tuple(t.folded for t in normalizer.tokens(text))


def _phrasings(raw: RawFaq, normalizer: Normalizer) -> list[Problem]:
    """The same phrasing (after normalising) must not lead to two answers."""
    problems: list[Problem] = []
    owner: dict[tuple[str, ...], tuple[str, Located]] = {}
    for loc in raw.entries:
        for line, text in phrasings_at(loc):
            key = phrasing_key(normalizer, text)
            if not key:
                problems.append(Problem(loc.file, line, f"câu '{text}' không còn từ nào sau "
                                                        "khi bỏ từ đệm; viết rõ hơn"))
                continue
            first = owner.setdefault(key, (loc.data["id"], loc))
            if first[1] is not loc:
                where = f"{first[1].file}:{first[1].data.line}"
                problems.append(Problem(loc.file, line, f"câu '{text}' trùng với một câu của "
                                                        f"mục '{first[0]}' ({where}); bỏ một "
                                                        "trong hai"))
    return problems
