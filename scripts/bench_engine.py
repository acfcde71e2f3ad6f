"""How fast the core starts and answers, without Telegram, at today's FAQ size and larger.

    python scripts/bench_engine.py [--scale N] [QUESTIONS.yaml ...]
        (default questions: tests/eval/holdout.yaml and tests/eval/real/tune.yaml)

Start-up is timed in a fresh process, imports included, twice: cold (the FAQ parsed,
checked and indexed) and warm (the engine built from the same bytes, from the cache in
bot/core/engine_cache.py: what a restart costs). `--scale N` benchmarks a FAQ N times the
size of faq/: every entry copied N times under new ids, each copy's phrasings made unique
with a made-up word, so the index and its postings grow as a real larger FAQ's would.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bot.core.engine import LETTER_CHARS, Engine
from bot.core.evaluation import load_cases
from bot.core.settings import MatchingConfig

NOT_ENTRIES = {"topics.yaml", "glossary.yaml", "reading.yaml", "path.yaml"}


class _NoAliasDumper(yaml.SafeDumper):
    """Copies share their `sources` lists: written out, they must not become anchors and
    aliases, which the FAQ loader rightly refuses."""

    def ignore_aliases(self, data: object) -> bool:
        return True

STARTUP = """
import time, sys
from pathlib import Path
t = time.perf_counter()
from bot.core.engine import LETTER_CHARS, Engine
from bot.core.settings import MatchingConfig
Engine.load(Path(sys.argv[1]), MatchingConfig(), cache_dir=Path(sys.argv[2]))
print(time.perf_counter() - t)
"""


def scaled_faq(source: Path, target: Path, scale: int) -> Path:
    """faq/ with every entry copied `scale` times (ids and phrasings made unique)."""
    shutil.copytree(source, target)
    for path in sorted(target.glob("*.yaml")):
        if path.name in NOT_ENTRIES:
            continue
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n in range(1, scale):  # a file per copy: one file may not pass 2 MB
            word = "".join("bcdghklmnpqrstvx"[(n >> (4 * i)) & 15] for i in range(3))
            copies = [{
                **entry,
                "id": f"{entry['id']}-x{n}",
                "question": f"{entry['question']} {word}",
                "alternates": [f"{a} {word}" for a in entry["alternates"]],
                "related": [f"{r}-x{n}" for r in entry.get("related") or ()],
            } for entry in entries]
            path.with_name(f"{path.stem}-x{n}.yaml").write_text(
                yaml.dump(copies, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False),
                encoding="utf-8")
    return target


def startup_seconds(faq: Path, cache: Path) -> float:
    out = subprocess.run([sys.executable, "-c", STARTUP, str(faq), str(cache)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1])


def latencies_ms(engine: Engine, questions: list[str], salt: str = "") -> tuple[list[float],
                                                                               float]:
    """Wall-clock latencies, and CPU milliseconds per question (what the bot itself costs,
    unaffected by other processes sharing the cores)."""
    out = []
    cpu = time.process_time()
    for i in range(10):  # distinct strings each round: the reader caches, a stream does not
        for q in questions:
            t = time.perf_counter()
            engine.ask(f"{q} {salt}{i}")
            out.append((time.perf_counter() - t) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(out)
    return sorted(out), cpu_ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("files", nargs="*",
                        default=["tests/eval/holdout.yaml", "tests/eval/real/tune.yaml"])
    args = parser.parse_args()
    questions = [c.q for f in args.files for c in load_cases(Path(f))]
    with tempfile.TemporaryDirectory() as tmp:
        faq = Path("faq").resolve()
        if args.scale > 1:
            faq = scaled_faq(faq, Path(tmp) / "faq", args.scale)
        cache = Path(tmp) / "cache"
        cold = startup_seconds(faq, cache)
        warm = statistics.median(startup_seconds(faq, cache) for _ in range(3))
        engine = Engine.load(faq, MatchingConfig(), cache_dir=cache)
        ms, cpu_ms = latencies_ms(engine, questions)
    print(f"entries {len(engine.faq.entries)}, phrasings "
          f"{sum(len(e.phrasings) for e in engine.faq.entries)} (scale {args.scale})")
    print(f"start-up s: cold {cold:.2f}, warm (cache) {warm:.2f}")
    print(f"questions {len(ms)}, {len(ms) / (sum(ms) / 1000):.0f} questions/s on one core")
    print(f"latency ms: p50 {statistics.median(ms):.2f}, mean {statistics.fmean(ms):.2f}, "
          f"p99 {ms[int(len(ms) * 0.99)]:.2f}, max {ms[-1]:.2f}; CPU {cpu_ms:.2f} ms a question")
    for label, subset in (("lines", [q for q in questions if len(q) <= LETTER_CHARS]),
                          ("letters", [q for q in questions if len(q) > LETTER_CHARS])):
        if subset:
            part, part_cpu = latencies_ms(engine, subset, salt=label)
            print(f"  {label} ({len(subset)}): p50 {statistics.median(part):.2f}, "
                  f"mean {statistics.fmean(part):.2f} ms; CPU {part_cpu:.2f} ms a question")


if __name__ == "__main__":
    main()
