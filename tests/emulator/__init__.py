"""A Bot API emulator on 127.0.0.1 for tests: python-telegram-bot runs against it unchanged.

    with Emulator() as emu:
        # start the bot with base_url=emu.base_url, then:
        question = emu.send_text(User(1001), "Bao nhiêu tuổi thì được vào Đảng?")
        [reply] = emu.wait_reply(question)
"""

from .faults import FaultPlan
from .objects import Chat, User, group_chat, private_chat
from .server import Emulator
from .state import BotMessage, Call

__all__ = ["BotMessage", "Call", "Chat", "Emulator", "FaultPlan", "User", "group_chat",
           "private_chat"]
