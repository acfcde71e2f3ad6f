"""A built engine kept on disk, so start-up does not parse and check the FAQ again.

Parsing every YAML file with line marks, checking it against the schemas and building the
matcher takes seconds at ten times today's FAQ. The built engine is pickled under a key
made of every byte of faq/ and of the core's source: any edit, to the FAQ or to the code,
is a different key, so a stale engine is never loaded. Only the bot's own data directory
holds these files (pickle runs code when loaded: never point it at a shared folder).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
_CORE = Path(__file__).resolve().parent


def fingerprint(faq_dir: Path) -> str:
    """One hash of the FAQ's files, the core's code and the Python that runs it."""
    digest = hashlib.sha256(sys.version.encode())
    for root, label in ((_CORE, "core"), (faq_dir, "faq")):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path.suffix in {".py", ".yaml", ".yml", ".json"}:
                digest.update(f"{label}/{path.relative_to(root)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached(cache_dir: Path | None, faq_dir: Path, build: Callable[[], T]) -> T:
    """`build()`'s result for this faq/, from the cache when it is there."""
    if cache_dir is None:
        return build()
    path = cache_dir / f"engine-{fingerprint(faq_dir)}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)  # our own file, keyed by content
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign file: rebuild, never fail start-up
        log.warning("FAQ cache %s unreadable; rebuilding", path.name, exc_info=True)
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in path.parent.glob("engine-*.pickle"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)
    except OSError:  # a read-only disk costs start-up time, nothing else
        log.warning("FAQ cache not written to %s", path.parent, exc_info=True)
