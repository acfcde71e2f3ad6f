"""Measure how many actions a person takes at human pace, to choose the flood limits.

A scripted person goes through a whole /lotrinh (every step tapped, then the text version),
a whole /kiemtra and a few typed questions against the real bot (Bot API emulator, flood
control off), at a given pace between actions (1.5 s is a quick reader; the report behind
issue 11 saw 1.5-2 s). Each reply is waited for, as a person would. Prints, for each window
length, the most actions that fell within one window, and checks every action got a visible
answer. Then a 200-message burst measures what a spammer gets with the limits in config.yaml.

    .venv/bin/python scripts/measure_pace.py [--paces 1.0 1.5 2.0]

The limits: per_user_messages must exceed the most actions a quick person fits in
per_user_seconds, with room to spare; a burst then gets that many replies and one warning.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.config import load_config  # noqa: E402 - the repository is on sys.path only now
from tests.e2e import pacing  # noqa: E402
from tests.e2e.botproc import start_bot  # noqa: E402
from tests.emulator import Emulator, User  # noqa: E402

WINDOWS = (10.0, 20.0, 30.0, 60.0)
STEPS = 11  # buttons under the /lotrinh picture


def walk() -> list[tuple[str, str]]:
    return pacing.lotrinh_walk(STEPS) + pacing.KIEMTRA_WALK + pacing.QUESTIONS


def measure(emu: Emulator, pace: float, user_id: int) -> dict[float, int]:
    person = pacing.Person(emu, User(user_id, "Người đọc nhanh"), pace)
    seen = person.run(walk())
    silent = [s.action for s in seen if not s.answer]
    if silent:
        print(f"  pace {pace}s: no visible answer to {silent}")
    times = [s.at for s in seen]
    return {w: pacing.windows(times, w) for w in WINDOWS}


def burst(emu: Emulator, count: int, user_id: int) -> tuple[int, int]:
    """A spammer's `count` messages at once: (replies that answer, warnings)."""
    spammer = User(user_id, "Spam")
    for n in range(count):
        emu.send_text(spammer, f"vào đảng cần điều kiện gì {n}")
    emu.wait_idle(quiet=2.0, timeout=120)
    texts = [m.text for m in emu.bot_messages(user_id)]
    warnings = sum(t.startswith("⏳") for t in texts)
    return len(texts) - warnings, warnings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paces", type=float, nargs="+", default=[1.0, 1.5, 2.0])
    args = parser.parse_args()
    flood = load_config(REPO / "config.yaml").flood
    with tempfile.TemporaryDirectory() as tmp, Emulator() as emu:
        bot = start_bot(emu, Path(tmp) / "free")  # flood control off: measure, not limit
        try:
            print(f"{len(walk())} actions: /lotrinh, {STEPS} steps, text version, /kiemtra "
                  f"and 5 answers, {len(pacing.QUESTIONS)} questions")
            print("pace   " + "  ".join(f"in {w:>2.0f}s" for w in WINDOWS))
            for n, pace in enumerate(args.paces):
                most = measure(emu, pace, 5000 + n)
                print(f"{pace:>4.1f}s " + "  ".join(f"{most[w]:>6d}" for w in WINDOWS))
        finally:
            bot.stop()
        limited = start_bot(emu, Path(tmp) / "limited",
                            flood={"per_user_messages": flood.per_user_messages,
                                   "per_user_seconds": flood.per_user_seconds})
        try:
            started = time.monotonic()
            answered, warnings = burst(emu, 200, 6000)
            print(f"config.yaml: {flood.per_user_messages} per {flood.per_user_seconds:.0f}s; "
                  f"a 200-message burst got {answered} replies and {warnings} warning(s) "
                  f"in {time.monotonic() - started:.1f}s")
        finally:
            limited.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
