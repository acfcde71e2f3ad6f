"""Machine edits of faq/: an alternate phrasing, a draft entry, an undo. Safely.

- Round trip: the file is read and written with ruamel.yaml, so every comment, the order
  and the layout of everything else stay as the curator left them. A file this library
  would not write back byte for byte unchanged is refused, not rewritten.
- Validated whole: the FAQ with the edit is checked (as `python -m bot validate` does) in
  a scratch copy before the real file is touched; a refused edit changes nothing.
- Atomic: a temporary file beside the target, flushed to disk, then os.replace.
- Locked: one edit of faq/ at a time, across threads and processes (the bot and the CLI),
  with an exclusive flock on the folder itself.
- Private: phone numbers, e-mails and ID numbers are scrubbed out before anything is written.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from bot.core.engine import Engine
from bot.core.faq_loader import entry_files, read_faq
from bot.core.problems import Problem
from bot.core.raw_faq import display_path
from bot.core.settings import MatchingConfig
from bot.core.text import fold
from bot.store.privacy import EMAIL_MARK, ID_MARK, PHONE_MARK, scrub

DRAFTS_DIR = "drafts"  # faq/drafts/: entries to complete; the loader never reads it
DRAFTS_FILE = f"{DRAFTS_DIR}/nhap.yaml"
MAX_PHRASING = 200  # characters: a phrasing is a question, not a letter
MIN_WORDS = 2
PROBLEMS_SHOWN = 3
_MARKS = re.compile("|".join(re.escape(m) for m in (EMAIL_MARK, PHONE_MARK, ID_MARK)))
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")  # left where a phone number was cut out
_DRAFTS_HEADER = (
    "# Bản nháp: câu hỏi người dùng hỏi mà FAQ chưa có. Bot và `validate` chưa dùng tệp này.\n"
    "# Hoàn thiện một mục (topic, answer, sources, reviewed, id) rồi chuyển nó sang tệp chủ đề.\n"
)


class EditRefused(Exception):
    """The edit was not made; the message says why, in Vietnamese, for the admin."""


@dataclass(frozen=True, slots=True)
class Edit:
    file: str  # relative to faq/
    text: str  # what was added (cleaned), or the draft's question
    entry_id: str
    before: bytes | None  # the file before (None: it did not exist): undo restores this
    after: bytes
    engine: Engine | None  # the FAQ with the edit, validated (None: drafts, not live)

    @property
    def after_digest(self) -> str:
        return digest(self.after)


def digest(data: bytes | None) -> str:
    return hashlib.sha256(data or b"").hexdigest()


def clean_phrasing(text: str) -> str:
    """One line, contact details and ID numbers removed (not masked: a mask is not a way
    of asking), at most MAX_PHRASING characters; EditRefused when too little is left."""
    scrubbed = _MARKS.sub(" ", scrub(_MARKS.sub(" ", text)))
    words = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(scrubbed.split())).strip(" ,.;:-")
    if len(words.split()) < MIN_WORDS:
        raise EditRefused("câu quá ngắn để làm một cách hỏi (cần ít nhất hai từ).")
    if len(words) > MAX_PHRASING:
        raise EditRefused(f"câu dài hơn {MAX_PHRASING} ký tự; hãy rút gọn thành một câu hỏi.")
    return words


@contextlib.contextmanager
def locked(faq_dir: Path) -> Iterator[None]:
    """Exclusive use of faq/ for one edit: waits for any other (thread or process)."""
    fd = os.open(faq_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def add_phrasing(faq_dir: Path, entry_id: str, text: str, matching: MatchingConfig) -> Edit:
    """Add `text` to an entry's alternates; EditRefused (nothing changed) if it cannot be."""
    phrasing = clean_phrasing(text)
    with locked(faq_dir):
        path, data = _find_entry(faq_dir, entry_id)
        before = path.read_bytes()
        item = next(i for i in data if isinstance(i, CommentedMap) and i.get("id") == entry_id)
        alternates = item.get("alternates")
        if not isinstance(alternates, CommentedSeq):
            raise EditRefused(f"mục '{entry_id}' không có danh sách 'alternates' để thêm vào.")
        alternates.append(phrasing)
        after = _dump(data).encode("utf-8")
        engine = _validated(faq_dir, path, after, matching)
        _same_entry_twice(engine, entry_id, phrasing)
        _replace(path, after)
    return Edit(_relative(faq_dir, path), phrasing, entry_id, before, after, engine)


def add_draft(faq_dir: Path, question: str, wordings: tuple[str, ...]) -> Edit:
    """Append a draft entry (question, alternates, empty answer) to faq/drafts/nhap.yaml."""
    cleaned = [clean_phrasing(w) for w in wordings if _usable(w)] or [clean_phrasing(question)]
    question = cleaned[0]
    path = faq_dir / DRAFTS_FILE
    with locked(faq_dir):
        before = path.read_bytes() if path.exists() else None
        data = _load(path, before.decode("utf-8")) if before else CommentedSeq()
        if not isinstance(data, CommentedSeq):
            raise EditRefused(f"{DRAFTS_FILE} không phải một danh sách; sửa tay tệp này trước.")
        draft_id = _draft_id(question, {str(d.get("id")) for d in data
                                        if isinstance(d, CommentedMap)})
        data.append(CommentedMap([
            ("id", draft_id), ("question", question), ("alternates", cleaned[1:]),
            ("answer", ""),
        ]))
        body = _dump(data)
        after = (body if before else _DRAFTS_HEADER + body).encode("utf-8")
        if not isinstance(YAML(typ="safe").load(after), list):  # reads back as written
            raise EditRefused("bản nháp không ghi được thành YAML hợp lệ.")
        path.parent.mkdir(exist_ok=True)
        _replace(path, after)
    return Edit(DRAFTS_FILE, question, draft_id, before, after, None)


def restore(faq_dir: Path, file: str, before: bytes | None, after_digest: str,
            matching: MatchingConfig) -> Edit:
    """Put a file back byte for byte as it was before a change (undo)."""
    path = faq_dir / file
    with locked(faq_dir):
        now = path.read_bytes() if path.exists() else None
        if digest(now) != after_digest:
            raise EditRefused(f"{file} đã được sửa sau thay đổi này; hoàn tác bằng tay.")
        live = path.parent == faq_dir
        engine = _validated(faq_dir, path, before, matching) if live else None
        if before is None:
            path.unlink()
        else:
            _replace(path, before)
    return Edit(file, "", "", now, before or b"", engine)


def count_drafts(faq_dir: Path) -> int:
    path = faq_dir / DRAFTS_FILE
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError):
        return 0
    return len(data) if isinstance(data, list) else 0


# --- reading and writing YAML ---------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order, quotes and flow style are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a curator's long line
    yaml.indent(mapping=2, sequence=4, offset=2)  # "  alternates:\n    - ..." as in faq/
    return yaml


def _indent(text: str) -> str:
    """ruamel indents a top-level list by the sequence offset and keeps each comment at
    its column: read the file shifted by that offset, so the columns agree..."""
    return "".join(f"  {line}" if line.strip() else line
                   for line in text.splitlines(keepends=True))


def _dedent(text: str) -> str:
    """... and shift the written file back: faq/ lists start at column 0."""
    return "".join(line.removeprefix("  ") for line in text.splitlines(keepends=True))


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out, transform=_dedent)
    return out.getvalue()


def _load(path: Path, text: str) -> Any:
    try:
        data = _yaml().load(_indent(text))
    except YAMLError as exc:
        raise EditRefused(f"{path.name} không đọc được ({type(exc).__name__}); chạy "
                          "python -m bot validate để xem lỗi.") from exc
    if _dump(data) != text:
        raise EditRefused(f"{path.name} có cách trình bày bot không giữ nguyên được khi ghi; "
                          "hãy thêm bằng tay.")
    return data


def _find_entry(faq_dir: Path, entry_id: str) -> tuple[Path, CommentedSeq]:
    for path in entry_files(faq_dir):
        text = path.read_text(encoding="utf-8")
        if entry_id not in text:  # most files cannot hold it: skip parsing them
            continue
        data = _load(path, text)
        if isinstance(data, CommentedSeq) and any(
            isinstance(i, CommentedMap) and i.get("id") == entry_id for i in data
        ):
            return path, data
    raise EditRefused(f"không có mục '{entry_id}' trong FAQ.")


def _validated(faq_dir: Path, path: Path, content: bytes | None,
               matching: MatchingConfig) -> Engine:
    """The FAQ as it would be with `path` holding `content`, checked in a scratch copy."""
    with tempfile.TemporaryDirectory(prefix="faq-edit-") as scratch:
        copy = Path(scratch) / "faq"
        shutil.copytree(faq_dir, copy, ignore=shutil.ignore_patterns(DRAFTS_DIR, ".*"))
        target = copy / path.relative_to(faq_dir)
        if content is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(content)
        faq, reader, problems = read_faq(copy)
        if problems or faq is None:
            raise EditRefused(_problems(problems, display_path(copy), display_path(faq_dir)))
    return Engine(faq, reader, matching)


def _problems(problems: list[Problem], scratch: str, real: str) -> str:
    shown = [str(p).replace(scratch, real) for p in sorted(problems)[:PROBLEMS_SHOWN]]
    more = f" (và {len(problems) - len(shown)} lỗi khác)" if len(problems) > len(shown) else ""
    return "FAQ sẽ có lỗi nếu sửa như vậy: " + "; ".join(shown) + more


def _same_entry_twice(engine: Engine, entry_id: str, phrasing: str) -> None:
    """validate refuses a phrasing two entries share; one entry saying it twice is ours."""
    entry = engine.faq.get(entry_id)
    key = engine.phrasing_key(phrasing)
    if entry is not None and sum(engine.phrasing_key(p) == key for p in entry.phrasings) > 1:
        raise EditRefused(f"mục '{entry_id}' đã có cách hỏi này.")


def _replace(path: Path, content: bytes) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(partial, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)  # readers see the old file or the new one, never half
    finally:
        partial.unlink(missing_ok=True)


def _relative(faq_dir: Path, path: Path) -> str:
    return path.relative_to(faq_dir).as_posix()


def _usable(text: str) -> bool:
    try:
        clean_phrasing(text)
    except EditRefused:
        return False
    return True


def _draft_id(question: str, taken: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(question).lower()).strip("-")[:30].strip("-")
    base = f"nhap-{slug or 'muc'}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
