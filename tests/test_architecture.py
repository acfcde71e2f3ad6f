"""Layers point one way and no module imports itself round a loop (STYLE.md, house rules 1-2).

Imports are read from the source with `ast` and compared by full module name: `bot.config`
is not `bot.core`, and `from bot.core import engine` is an import of `bot.core.engine`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Libraries that talk to the world: the core parses files it is given, nothing more.
IO_LIBRARIES = {
    "telegram", "sqlite3", "httpx", "httpcore", "asyncio", "socket", "subprocess", "matplotlib"
}


def modules(root: Path, package: str = "bot") -> dict[str, Path]:
    """Every module of `package` under `root`, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _statements(tree: ast.Module, lazy: bool) -> Iterator[ast.stmt]:
    """All import statements, or only those run at import time (not in a function, not
    under `if TYPE_CHECKING`)."""
    if lazy:
        yield from (n for n in ast.walk(tree) if isinstance(n, ast.stmt))
        return
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody
            pending += [s for handler in node.handlers for s in handler.body]


def imports(name: str, path: Path, known: dict[str, Path], lazy: bool = True) -> set[str]:
    """Full names of what `name` imports; `from a import b` is `a.b` when that is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(tree, lazy):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return found


def graph(root: Path, lazy: bool = True) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports(name, path, known, lazy) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import loops among the modules of `edges` (depth-first search, each loop once)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges[node] & edges.keys()):
            if state.get(target) == 1:
                found.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def core_violations(edges: dict[str, set[str]]) -> list[str]:
    """`bot.core` imports only `bot.core.*` and no I/O library."""
    bad = []
    for name, targets in edges.items():
        if name == "bot.core" or name.startswith("bot.core."):
            for target in sorted(targets):
                outside = target.split(".")[0] == "bot" and not target.startswith("bot.core")
                if outside or target.split(".")[0] in IO_LIBRARIES:
                    bad.append(f"{name} imports {target}")
    return bad


def closure(edges: dict[str, set[str]], start: str) -> set[str]:
    """What importing `start` loads: its imports, theirs, and each module's packages."""
    seen: set[str] = set()
    pending = [start]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        pending += [".".join(parts[:i]) for i in range(1, len(parts))]
        pending += edges.get(name, set())
    return seen


EDGES = graph(ROOT)
LOADED_EDGES = graph(ROOT, lazy=False)


def test_no_import_cycle() -> None:
    assert cycles(EDGES) == []


def test_core_imports_only_the_core() -> None:
    assert core_violations(EDGES) == []


@pytest.mark.parametrize("package", ["bot.core", "bot.store", "bot.curation", "bot.console"])
def test_only_run_and_the_picture_reach_telegram_and_matplotlib(package: str) -> None:
    """The core and the store never load Telegram; the console only in `run` (lazily)."""
    for name in [m for m in LOADED_EDGES if m == package or m.startswith(f"{package}.")]:
        loaded = closure(LOADED_EDGES, name)
        heavy = {m for m in loaded if m.split(".")[0] in ("telegram", "matplotlib")}
        assert (name, heavy) == (name, set())


@pytest.mark.parametrize("package", ["bot.core", "bot.store", "bot.curation", "bot.tg"])
def test_nothing_below_imports_the_console(package: str) -> None:
    for name, targets in EDGES.items():
        if name == package or name.startswith(f"{package}."):
            assert (name, {t for t in targets if t.startswith("bot.console")}) == (name, set())


@pytest.mark.parametrize("package", ["bot.store", "bot.curation"])
def test_the_store_and_curation_do_not_know_telegram(package: str) -> None:
    for name, targets in EDGES.items():
        if name.startswith(package):
            assert (name, {t for t in targets if t.split(".")[0] == "telegram"
                           or t.startswith("bot.tg")}) == (name, set())


def _package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def test_a_lazy_import_loop_is_still_a_cycle(tmp_path: Path) -> None:
    """The shape the loader and the admission path once had: one side imports lazily."""
    root = _package(tmp_path, {
        "bot/__init__.py": "",
        "bot/core/__init__.py": "",
        "bot/core/loader.py": "from bot.core import path\n",
        "bot/core/path.py": "def f():\n    from bot.core.loader import display\n",
    })
    assert cycles(graph(root)) == [["bot.core.loader", "bot.core.path", "bot.core.loader"]]


def test_the_core_importing_app_config_is_caught(tmp_path: Path) -> None:
    """`bot.config` shares its first segment with the core, but it is not the core."""
    root = _package(tmp_path, {
        "bot/__init__.py": "",
        "bot/config.py": "",
        "bot/core/__init__.py": "",
        "bot/core/engine.py": "from bot.config import MatchingConfig\nimport sqlite3\n",
    })
    assert core_violations(graph(root)) == [
        "bot.core.engine imports bot.config", "bot.core.engine imports sqlite3"
    ]


def test_a_type_checking_import_is_not_loaded(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "bot/__init__.py": "",
        "bot/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import telegram\n",
    })
    assert closure(graph(root, lazy=False), "bot.a") == {"bot", "bot.a", "typing"}
