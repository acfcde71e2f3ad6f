"""Command line: a thin shell over the library. Only `run` imports the Telegram layer."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.config import Config, ConfigError, load_config
from bot.console.render_text import render, render_entry
from bot.core.decision import Answer, Decision, NoMatch, Suggest
from bot.core.engine import Engine
from bot.core.evaluation import EvalFileError, evaluate, format_report, load_cases
from bot.core.faq_loader import read_faq_report
from bot.core.markup import to_plain
from bot.core.model import Entry
from bot.core.problems import FaqError
from bot.store.data_rights import DataRightsError

DEFAULT_CONFIG = "config.yaml"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"


class CliError(Exception):
    """A problem to report on stderr as one line, then exit 1."""


def _config(args: argparse.Namespace) -> Config:
    path = Path(args.config or os.environ.get("BOT_CONFIG", DEFAULT_CONFIG))
    if args.config is None and not path.exists():  # defaults, from where we are
        return Config(faq_dir=Config().faq_dir.resolve())
    return load_config(path)


def _engine(args: argparse.Namespace) -> tuple[Config, Engine]:
    config = _config(args)
    return config, Engine.load(config.faq_dir, config.matching,
                               cache_dir=config.storage.cache_dir)


def cmd_validate(args: argparse.Namespace) -> int:
    faq_dir = Path(args.path) if args.path else _config(args).faq_dir
    report = read_faq_report(faq_dir)
    for problem in report.problems:
        print(problem)
    for warning in report.warnings:  # worth fixing, but the FAQ still loads
        print(f"{warning.file}:{warning.line}: cảnh báo: {warning.message}")
    warned = f" {len(report.warnings)} cảnh báo." if report.warnings else ""
    if report.problems or report.faq is None:
        print(f"{len(report.problems)} lỗi cần sửa.{warned}")
        return 1
    faq = report.faq
    print(f"FAQ hợp lệ: {len(faq.entries)} mục, {len(faq.topics)} chủ đề, "
          f"{len(faq.documents)} văn bản nguồn.{warned}")
    from bot.curation.faq_writer import DRAFTS_FILE, count_drafts

    drafts = count_drafts(faq_dir)
    if drafts:
        print(f"{drafts} mục nháp trong {DRAFTS_FILE} chờ hoàn thiện (bot chưa dùng).")
    return 0


def decision_json(decision: Decision) -> dict[str, Any]:
    out: dict[str, Any] = {"status": "none", "id": None, "score": None, "question": None,
                           "answer": None, "sources": [], "suggestions": []}
    match decision:
        case Answer(entry=entry, score=score, also=also):
            if also is not None:  # a second question in the same message
                out["also"] = {"id": also.id, "question": also.question}
            out.update(status="answer", id=entry.id, score=score, question=entry.question,
                       answer=to_plain(entry.answer),
                       sources=[{"title": c.title, "ref": c.ref, "url": c.url,
                                 "kind": c.source_kind} for c in entry.sources])
        case Suggest(candidates=candidates):
            out.update(status="suggest", score=candidates[0].score,
                       suggestions=[{"id": c.entry.id, "question": c.entry.question}
                                    for c in candidates])
        case NoMatch(best=best):
            out["score"] = best.score if best else None
    return out


def cmd_ask(args: argparse.Namespace) -> int:
    config, engine = _engine(args)
    questions = sys.stdin if args.question == "-" else [args.question]
    for line in questions:
        decision = engine.ask(line.rstrip("\n"))
        if args.json:
            print(json.dumps(decision_json(decision), ensure_ascii=False), flush=True)
        else:
            print(render(decision, engine.faq, config.contact), end="\n\n", flush=True)
    return 0


def cmd_chat(args: argparse.Namespace, stdin: TextIO = sys.stdin) -> int:
    config, engine = _engine(args)
    interactive = stdin.isatty()
    print("Hỏi đáp kết nạp Đảng — gõ câu hỏi; gõ số để chọn gợi ý; /kiemtra để tự kiểm tra; "
          "Ctrl-D để thoát.")
    choices: list[Entry] = []
    while True:
        if interactive:
            print("Bạn: ", end="", flush=True)
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if text == "/kiemtra":  # the guided self-check, answers by number
            from bot.console.selfcheck import run_self_check

            choices = run_self_check(stdin, config.contact, engine.faq, interactive)
            continue
        if text.isdigit() and 0 < int(text) <= len(choices):
            entry = choices[int(text) - 1]
            print(render_entry(entry, engine.faq), end="\n\n", flush=True)
            choices = _follow_ups(entry, engine)
            continue
        decision = engine.ask(text)
        print(render(decision, engine.faq, config.contact), end="\n\n", flush=True)
        choices = _choices(decision, engine)


def _follow_ups(entry: Entry, engine: Engine) -> list[Entry]:
    return [e for e in (engine.faq.get(r) for r in entry.related) if e is not None]


def _choices(decision: Decision, engine: Engine) -> list[Entry]:
    if isinstance(decision, Suggest):
        return [c.entry for c in decision.candidates]
    if isinstance(decision, Answer):
        return _follow_ups(decision.entry, engine)
    return []


def cmd_eval(args: argparse.Namespace) -> int:
    _, engine = _engine(args)
    report = evaluate(engine, load_cases(Path(args.file)))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise CliError(f"{TOKEN_ENV} chưa được đặt: tạo bot với @BotFather rồi "
                       f"export {TOKEN_ENV}=... (xem README)")
    from bot.tg.runner import run_bot  # only `run` needs python-telegram-bot

    run_bot(_config(args), token, os.environ.get("TELEGRAM_BASE_URL") or None)
    return 0


def cmd_misses(args: argparse.Namespace) -> int:
    from bot.core.miss_groups import group_misses
    from bot.curation.report import groups_yaml
    from bot.store.storage import read_open_misses

    config, engine = _engine(args)
    path = config.storage.path
    groups = group_misses(read_open_misses(path), engine) if path.exists() else []
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.write(groups_yaml(groups))
    else:
        sys.stdout.write(groups_yaml(groups))
    print(f"{len(groups)} nhóm câu hỏi chưa có câu trả lời.", file=sys.stderr)
    return 0


def cmd_add_phrasing(args: argparse.Namespace) -> int:
    """The same path as the admins' ➕ button: validated, atomic, in the audit log."""
    import asyncio

    from bot.curation.review import CONSOLE, Curator, Refused
    from bot.store.storage import Storage

    config = _config(args)
    storage = Storage(config.storage.path, config.storage.retention_days)
    try:
        curator = Curator(config.faq_dir, config.matching, storage)
        outcome = asyncio.run(curator.add_phrasing(args.entry_id, args.text, CONSOLE))
    finally:
        storage.close()
    if isinstance(outcome, Refused):
        raise CliError(f"không thêm được: {outcome.reason}")
    print(f"Đã thêm «{outcome.text}» vào mục {outcome.entry_id} ({outcome.file}), "
          f"thay đổi #{outcome.change_id}.")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from bot.curation.report import change_line
    from bot.store.storage import read_changes

    path = _config(args).storage.path
    changes = read_changes(path, args.limit) if path.exists() else []
    for change in changes:
        print(change_line(change))
    if not changes:
        print("Chưa có thay đổi nào.")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from bot.store.data_rights import forget_user

    deleted = forget_user(_config(args), args.user_id)
    print(f"Đã xóa {deleted} dòng dữ liệu của người dùng này.")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from bot.store.data_rights import purge_all

    if not args.yes:
        raise CliError("lệnh này xóa toàn bộ dữ liệu đã lưu; chạy lại với --yes để xác nhận")
    print(f"Đã xóa {purge_all(_config(args))} dòng dữ liệu.")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from bot.core.sources_report import sources_markdown

    _, engine = _engine(args)
    print(sources_markdown(engine.faq), end="")
    return 0


def cmd_render_path(args: argparse.Namespace) -> int:
    from bot.core.admission_path import PATH_FILE, load_path
    from bot.core.faq_loader import load_faq
    from bot.tg.path_image import write_png  # matplotlib: only this command needs it

    config = _config(args)
    faq, _ = load_faq(config.faq_dir)
    path = load_path(config.faq_dir, faq)
    if path is None:
        raise CliError(f"không có {config.faq_dir / PATH_FILE}: tạo tệp theo faq/README.md")
    size = write_png(path, Path(args.out))
    print(f"Đã vẽ {args.out}: {len(path.steps)} bước, {size // 1024} KB.")
    return 0


def cmd_default(args: argparse.Namespace) -> int:
    if os.environ.get(TOKEN_ENV, "").strip():
        return cmd_run(args)
    print(f"Chưa có {TOKEN_ENV}: đang chạy chế độ trò chuyện trên máy. "
          "Xem README (mục Telegram) để kết nối bot.", file=sys.stderr)
    return cmd_chat(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Hỏi đáp kết nạp Đảng: bot Telegram và công cụ cho người biên soạn FAQ.")
    parser.add_argument("--config", help="đường dẫn config.yaml (mặc định: ./config.yaml)")
    parser.set_defaults(func=cmd_default)
    sub = parser.add_subparsers(title="lệnh")
    commands: list[tuple[str, str, Callable[[argparse.Namespace], int]]] = [
        ("validate", "kiểm tra thư mục faq/ và báo lỗi theo tệp:dòng", cmd_validate),
        ("ask", "hỏi một câu (hoặc '-' để đọc từng dòng từ stdin)", cmd_ask),
        ("chat", "trò chuyện trên máy, như trên Telegram", cmd_chat),
        ("eval", "chấm điểm với một bộ câu hỏi (định dạng dev.yaml)", cmd_eval),
        ("run", "chạy bot Telegram (cần TELEGRAM_BOT_TOKEN)", cmd_run),
        ("misses", "in các nhóm câu hỏi chưa trả lời được (YAML), hỏi nhiều nhất trước",
         cmd_misses),
        ("add-phrasing", "thêm một cách hỏi vào một mục FAQ (kiểm tra cả FAQ trước khi ghi)",
         cmd_add_phrasing),
        ("changes", "in nhật ký thay đổi FAQ: khi nào, quản trị viên nào, mục nào", cmd_changes),
        ("sources", "in danh sách văn bản nguồn (docs/sources.md)", cmd_sources),
        ("forget", "xóa mọi dữ liệu đã lưu của một người dùng Telegram", cmd_forget),
        ("purge", "xóa toàn bộ dữ liệu đã lưu (cần --yes)", cmd_purge),
        ("render-path", "vẽ lộ trình kết nạp (faq/path.yaml) ra tệp PNG", cmd_render_path),
    ]
    for name, help_text, func in commands:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(func=func)
        if name == "validate":
            command.add_argument("path", nargs="?", help="thư mục FAQ (mặc định: faq/)")
        if name == "ask":
            command.add_argument("question", help="câu hỏi, hoặc '-' cho stdin")
        if name in ("ask", "eval"):
            command.add_argument("--json", action="store_true", help="in JSON cho máy đọc")
        if name == "eval":
            command.add_argument("file", help="tệp YAML các câu hỏi")
        if name == "render-path":
            command.add_argument("out", help="tệp PNG sẽ ghi, ví dụ docs/lo-trinh.png")
        if name == "misses":
            command.add_argument("--out", help="ghi ra tệp thay vì màn hình")
        if name == "add-phrasing":
            command.add_argument("entry_id", help="id của mục, ví dụ tuoi-vao-dang")
            command.add_argument("text", help="cách hỏi mới, trong ngoặc kép")
        if name == "changes":
            command.add_argument("--limit", type=int, default=50, help="số dòng (mặc định 50)")
        if name == "forget":
            command.add_argument("user_id", type=int, help="mã người dùng Telegram (số)")
        if name == "purge":
            command.add_argument("--yes", action="store_true", help="xác nhận xóa hết")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (CliError, ConfigError, EvalFileError, DataRightsError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except FaqError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("FAQ có lỗi; chạy 'python -m bot validate' để xem và sửa.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `ask ... | head`: the reader left; no traceback for that
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
