"""Soak the real bot through the Bot API emulator: many users, questions, taps, inline queries.

1,000 users each ask 5 questions (5,000 in all), one at a time: a reply triggers the user's
next question. Every reply with buttons gets a tap from one user in five, and one user in
ten also types an inline query. Prints answered/expected for each kind, throughput, reply
latency p50/p99 and the bot's RSS (VmRSS) before, at half-time and after: memory must stay
flat (the flood gate, the recent-question cache and PTB's own per-user data are bounded or
not kept). Bounded: gives up after --timeout seconds. Not run in CI.

    .venv/bin/python scripts/soak.py [--users 1000 --questions 5 --limiter off]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e import faqdata  # noqa: E402 - the repository is on sys.path only now
from tests.e2e.botproc import BotProcess, start_bot  # noqa: E402
from tests.emulator import BotMessage, Emulator, User  # noqa: E402

FIRST_USER = 3_000_000
MAX_RSS_GROWTH_MB = 15.0  # after warm-up; more than this means something grows per user


@dataclass
class Soak:
    emu: Emulator
    questions: list[str]
    per_user: int
    rng: random.Random = field(default_factory=lambda: random.Random(5))
    latencies: list[float] = field(default_factory=list)
    pending: dict[int, tuple[float, int]] = field(default_factory=dict)
    taps: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)
    last_reply: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ask(self, user: User, k: int) -> None:
        with self.lock:
            self.pending[user.id] = (time.monotonic(), k)
        question = self.questions[self.rng.randrange(len(self.questions))]
        self.emu.send_text(user, question)

    def on_reply(self, message: BotMessage) -> None:
        with self.lock:
            asked = self.pending.pop(message.chat_id, None)
            if asked is None:
                return  # a tap's answer or a second part, not a question's reply
            self.latencies.append(message.time - asked[0])
            self.last_reply = message.time
            tap = message.callback_buttons() and self.rng.random() < 0.2
            inline = self.rng.random() < 0.1
        user = User(message.chat_id, "Công nhân")
        if tap:
            self.taps.append(self.emu.tap_button(user, message, index=0))
        if inline:
            query = self.questions[message.chat_id % len(self.questions)][:40]
            self.inline.append(self.emu.inline_query(user, query))
        if asked[1] + 1 < self.per_user:
            self.ask(user, asked[1] + 1)

    def answered(self) -> int:
        with self.lock:
            return len(self.latencies)


def rss_mb(bot: BotProcess) -> float:
    for line in Path(f"/proc/{bot.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(ordered: list[float], p: int) -> float:
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def soak(emu: Emulator, bot: BotProcess, users: int, per_user: int, timeout: float) -> bool:
    questions = [e.question for e in faqdata.answered(bot.config_path, 30)]
    questions += ["thời tiết hôm nay thế nào", "đảng phí", "hồ sơ", "xin chào"]  # misses too
    load = Soak(emu, questions, per_user)
    emu.on_bot_message(load.on_reply)
    total = users * per_user
    rss = {"before": rss_mb(bot)}
    started = time.monotonic()
    for n in range(users):
        load.ask(User(FIRST_USER + n, f"Công nhân {n}"), 0)
    try:
        emu.wait_for(lambda: load.answered() >= total // 2, timeout, "half", poll=0.5)
        rss["half-time"] = rss_mb(bot)
        left = timeout - (time.monotonic() - started)
        emu.wait_for(lambda: load.answered() >= total, left, "all", poll=0.5)
        emu.wait_idle(quiet=1.0, timeout=max(5.0, timeout - (time.monotonic() - started)))
    except TimeoutError:
        pass
    rss["after"] = rss_mb(bot)
    return report(emu, load, total, started, rss)


def report(emu: Emulator, load: Soak, total: int, started: float,
           rss: dict[str, float]) -> bool:
    taps = sum(emu.callback_answer(q) is not None for q in load.taps)
    inline = sum(emu.inline_answer(q) is not None for q in load.inline)
    elapsed = load.last_reply - started
    ordered = sorted(load.latencies) or [float("nan")]
    answered = load.answered()
    print(f"questions answered {answered}/{total}; taps answered {taps}/{len(load.taps)}; "
          f"inline queries answered {inline}/{len(load.inline)}")
    print(f"throughput {answered / elapsed:.0f} questions/s over {elapsed:.1f}s; latency p50 "
          f"{pct(ordered, 50) * 1000:.0f} ms, p99 {pct(ordered, 99) * 1000:.0f} ms")
    print("bot RSS: " + ", ".join(f"{k} {v:.1f} MB" for k, v in rss.items()))
    growth = rss["after"] - rss.get("half-time", rss["before"])
    flat = growth <= MAX_RSS_GROWTH_MB
    print(f"memory from half-time to the end: {growth:+.1f} MB ({'flat' if flat else 'GROWING'})")
    errors = emu.server_errors
    if errors:
        print(f"emulator errors: {errors[:3]}")
    ok = (answered == total and taps == len(load.taps) and inline == len(load.inline)
          and flat and not errors)
    print("soak: OK" if ok else "soak: FAILED")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=5, help="per user")
    parser.add_argument("--limiter", choices=("off", "on"), default="off",
                        help="on: Telegram's pace (~30 replies/s), so it takes minutes")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds in all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp, Emulator() as emu:
        bot = start_bot(emu, Path(tmp, "bot"), rate_limiter=args.limiter == "on")
        try:
            ok = soak(emu, bot, args.users, args.questions, args.timeout)
        finally:
            code = bot.stop()
        if code != 0:
            print(f"the bot exited with {code}\n{bot.log()[-3000:]}")
            ok = False
        if "Traceback" in bot.log():
            print(f"the bot logged a traceback\n{bot.log()[-3000:]}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
