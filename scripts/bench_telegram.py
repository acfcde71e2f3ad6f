"""Benchmark the real bot through the Bot API emulator: questions per second and latency.

N users each ask M questions, one at a time (a user asks the next question when the reply to
the previous one arrives), with python-telegram-bot's rate limiter off and on
(config.telegram.rate_limiter). Prints throughput, reply latency p50/p99, the bot's CPU time
and memory. Bounded: gives up after --timeout seconds per run.

    .venv/bin/python scripts/bench_telegram.py [--users 200 --questions 10]
"""

from __future__ import annotations

import argparse
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

TARGET_RATE = 300.0  # questions/s without the limiter: 10x Telegram's ~30 messages/s


@dataclass
class Load:
    """Closed-loop users: the reply to one question triggers the next."""

    emu: Emulator
    questions: list[str]
    per_user: int
    latencies: list[float] = field(default_factory=list)
    pending: dict[int, tuple[float, int]] = field(default_factory=dict)
    first_sent: float = 0.0
    last_reply: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ask(self, user: User, k: int) -> None:
        with self.lock:
            self.pending[user.id] = (time.monotonic(), k)
        self.emu.send_text(user, self.questions[(user.id + k) % len(self.questions)])

    def on_reply(self, message: BotMessage) -> None:
        with self.lock:
            asked = self.pending.pop(message.chat_id, None)
            if asked is None:
                return  # a second part of a split reply, or not ours
            self.latencies.append(message.time - asked[0])
            self.last_reply = message.time
        if asked[1] + 1 < self.per_user:
            self.ask(User(message.chat_id), asked[1] + 1)


def run(users: int, per_user: int, limiter: bool, timeout: float, folder: Path,
        enforce: bool = False) -> bool:
    with Emulator(enforce_limits=enforce) as emu:
        bot = start_bot(emu, folder, rate_limiter=limiter)
        try:
            return _measure(emu, bot, users, per_user, limiter, timeout)
        finally:
            bot.stop()


def _measure(emu: Emulator, bot: BotProcess, users: int, per_user: int, limiter: bool,
             timeout: float) -> bool:
    questions = [e.question for e in faqdata.answered(bot.config_path, 20)]
    load = Load(emu, questions, per_user)
    emu.on_bot_message(load.on_reply)
    rss_before, cpu_before = _rss_mb(bot), _cpu_s(bot)
    load.first_sent = time.monotonic()
    for n in range(users):
        load.ask(User(900_000 + n, f"Công nhân {n}"), 0)
    total = users * per_user
    try:
        emu.wait_for(lambda: len(load.latencies) >= total, timeout,
                     f"{total} replies", poll=0.5)
    except TimeoutError:
        print(f"limiter {'on' if limiter else 'off'}: only {len(load.latencies)}/{total} "
              f"answered within {timeout:.0f}s")
        return False
    elapsed = load.last_reply - load.first_sent
    ordered = sorted(load.latencies)
    rate = total / elapsed
    print(f"limiter {'on ' if limiter else 'off'}: {total} questions ({users} users x "
          f"{per_user}) in {elapsed:.2f}s = {rate:.0f} q/s; latency p50 "
          f"{_pct(ordered, 50) * 1000:.1f} ms, p99 {_pct(ordered, 99) * 1000:.1f} ms, max "
          f"{ordered[-1] * 1000:.1f} ms; bot CPU {_cpu_s(bot) - cpu_before:.2f}s, RSS "
          f"{rss_before:.0f} -> {_rss_mb(bot):.0f} MB")
    refused = emu.calls(outcome="flood")
    if refused:
        print(f"  the emulator refused {len(refused)} sends over Telegram's limits (429)")
    if not limiter:
        verdict = "met" if rate >= TARGET_RATE else "NOT met"
        print(f"  target >= {TARGET_RATE:.0f} q/s without the limiter: {verdict}")
    return True


def _pct(ordered: list[float], p: int) -> float:
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def _rss_mb(bot: BotProcess) -> float:
    for line in Path(f"/proc/{bot.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_s(bot: BotProcess) -> float:
    fields = Path(f"/proc/{bot.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks (100 Hz)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10, help="per user")
    parser.add_argument("--limited-users", type=int, default=50,
                        help="users for the run with the limiter on (~30 replies/s)")
    parser.add_argument("--limited-questions", type=int, default=4)
    parser.add_argument("--limiter", choices=("off", "on", "both"), default="both")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--enforce-limits", action="store_true",
                        help="the emulator answers 429 beyond ~30 messages/s, as Telegram")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-telegram-") as tmp:
        if args.limiter in ("off", "both"):
            ok &= run(args.users, args.questions, False, args.timeout, Path(tmp, "off"),
                      args.enforce_limits)
        if args.limiter in ("on", "both"):
            ok &= run(args.limited_users, args.limited_questions, True, args.timeout,
                      Path(tmp, "on"), args.enforce_limits)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
