"""Run the emulator by hand: `python -m tests.emulator --port 8081`.

Point the bot at it (TELEGRAM_BASE_URL=http://127.0.0.1:8081/bot python -m bot run) and type
questions; each line is a private message from one test user, and the bot's replies are
printed. `!tap N` taps the N-th button of the last reply, `!inline TEXT` sends an inline
query, `!sticker` sends a sticker, `!log` prints the call log.
"""

from __future__ import annotations

import argparse
import sys

from .faults import KINDS, FaultPlan
from .objects import User
from .server import Emulator
from .state import BotMessage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--user-id", type=int, default=1001)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--fault-kinds", default="429,502", help=f"among {','.join(KINDS)}")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    plan = FaultPlan(rate=args.fault_rate, kinds=tuple(args.fault_kinds.split(",")),
                     seed=args.seed)
    user = User(args.user_id, "Người thử")
    last: list[BotMessage] = []

    def show(message: BotMessage) -> None:
        last[:] = [message]
        labels = " | ".join(f"[{i}] {b['text']}" for i, b in enumerate(message.buttons()))
        print(f"\n<< {message.text}\n{labels}\n>> ", end="", flush=True)

    with Emulator(port=args.port, faults=plan) as emu:
        emu.on_bot_message(show)
        print(f"Bot API emulator on {emu.base_url} (TELEGRAM_BASE_URL). Ctrl-D quits.\n>> ",
              end="", flush=True)
        for line in sys.stdin:
            _command(emu, user, line.strip(), last)
    return 0


def _command(emu: Emulator, user: User, line: str, last: list[BotMessage]) -> None:
    if line.startswith("!tap") and last:
        emu.tap_button(user, last[0], index=int(line[4:] or 0))
    elif line.startswith("!inline"):
        query_id = emu.inline_query(user, line[7:].strip())
        answer = emu.wait_inline_answer(query_id, timeout=10)
        for result in answer.get("results", []):
            print(f"  - {result.get('title')}")
    elif line == "!sticker":
        emu.send_sticker(user)
    elif line == "!log":
        print(emu.call_log())
    elif line:
        emu.send_text(user, line)


if __name__ == "__main__":
    raise SystemExit(main())
