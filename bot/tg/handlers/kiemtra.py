"""/kiemtra: the guided self-check as a ConversationHandler, one question per button tap.

The answers live in `context.user_data` for the length of the conversation only: they are
removed when it ends, is cancelled (/huy or the button) or times out, and they are never
written to storage or logs. The logic itself is `bot.core.selfcheck.checklist`.
"""

from __future__ import annotations

import warnings
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.core import selfcheck
from bot.core.replies import STALE
from bot.tg import callbacks, path_replies
from bot.tg.callbacks import Action
from bot.tg.reply import Reply
from bot.tg.send import ack, edit, reply, send, thread_of
from bot.tg.services import Services, on_message, services

COMMAND = "kiemtra"
CANCEL_COMMAND = "huy"
ASKING = 0
_ANSWERS = "kiemtra"  # user_data key; removed at every way out


IS_START = callbacks.pattern(Action.SELFCHECK, where=lambda c: c.id == callbacks.SELFCHECK_START)
IS_CANCEL = callbacks.pattern(Action.SELFCHECK, where=lambda c: c.id == callbacks.SELFCHECK_CANCEL)
IS_ANSWER = callbacks.pattern(Action.SELFCHECK, where=lambda c: c.arg is not None)


def _begin(context: ContextTypes.DEFAULT_TYPE) -> None:
    assert context.user_data is not None  # per_user conversations always have a user
    context.user_data[_ANSWERS] = {}


def _answers(context: ContextTypes.DEFAULT_TYPE) -> dict[str, str] | None:
    """The answers so far; None once the conversation has ended (every way out forgets)."""
    found = context.user_data.get(_ANSWERS) if context.user_data is not None else None
    return found if isinstance(found, dict) else None


def _forget(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if context.user_data is not None:
        context.user_data.pop(_ANSWERS, None)
    # PTB keeps an (empty) user_data dict per user forever otherwise: memory must stay flat.
    user = update.effective_user if isinstance(update, Update) else None
    if user is not None and context.user_data is not None and not context.user_data:
        context.application.drop_user_data(user.id)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """/kiemtra or the button under the picture: start (or restart) from the first question."""
    query = update.callback_query
    if query is not None and (update.effective_chat is None
                              or update.effective_chat.type != ChatType.PRIVATE):
        await ack(query, path_replies.SELFCHECK_PRIVATE)  # the button under a group's picture
        return ConversationHandler.END
    _forget(update, context)
    _begin(context)
    first = path_replies.question(selfcheck.QUESTIONS[0], 1)
    if query is not None:
        await ack(query)
        message = query.message
        if message is not None:
            await send(query.get_bot(), message.chat.id, first, thread_of(query))
    elif update.effective_message is not None:
        await reply(update.effective_message, first)
    return ASKING


async def on_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    query, decoded = callbacks.tapped(update)
    tapped = selfcheck.question(decoded.id)
    option = tapped.option(decoded.arg) if tapped is not None and decoded.arg else None
    if tapped is None or option is None:  # a question or option this version does not have
        await ack(query, STALE)
        return ASKING
    answers = _answers(context)
    if answers is None:  # it timed out a moment ago, before PTB marked it ended: too late
        _forget(update, context)
        await ack(query, STALE)
        return ConversationHandler.END
    expected = selfcheck.next_question(answers)
    if expected is None or tapped.key != expected.key:
        await ack(query, path_replies.ALREADY_ANSWERED)  # an earlier question's button
        return ASKING
    await ack(query)
    answers[tapped.key] = option.key
    following = selfcheck.next_question(answers)
    if following is not None:
        await edit(query, path_replies.question(following, len(answers) + 1))
        return ASKING
    result = selfcheck.checklist(answers, services(context).config.contact)
    _forget(update, context)
    await edit(query, path_replies.checklist(result, services(context).engine.faq))
    return ConversationHandler.END


async def on_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    query = update.callback_query
    _forget(update, context)
    if query is not None:
        await ack(query)
        await edit(query, Reply.plain(path_replies.SELFCHECK_CANCELLED))
    elif update.effective_message is not None:
        await reply(update.effective_message, Reply.plain(path_replies.SELFCHECK_CANCELLED))
    return ConversationHandler.END


@on_message
async def on_nothing_to_cancel(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    await reply(message, Reply.plain(path_replies.NOTHING_TO_CANCEL))


async def on_timeout(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    _forget(update, context)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is not None:
        await send(context.bot, chat.id, Reply.plain(path_replies.SELFCHECK_TIMEOUT))


@on_message
async def on_group_command(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    """Answers about one's own situation belong in a private chat, not a group."""
    await reply(message, Reply.plain(path_replies.SELFCHECK_PRIVATE))


def conversation(timeout: float) -> ConversationHandler[Any]:
    """`timeout`: seconds without a tap before it ends (telegram.selfcheck_timeout)."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    with warnings.catch_warnings():
        # PTB notes that with per_message=False a CallbackQueryHandler is tracked per chat and
        # user rather than per message: exactly what one self-check per person needs.
        warnings.filterwarnings("ignore", message="If 'per_message=False'",
                                category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler(COMMAND, on_start, filters=private),
                CallbackQueryHandler(on_start, pattern=IS_START),
            ],
            states={
                ASKING: [CallbackQueryHandler(on_answer, pattern=IS_ANSWER)],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, on_timeout)],
            },
            fallbacks=[
                CommandHandler(CANCEL_COMMAND, on_cancel, filters=private),
                CallbackQueryHandler(on_cancel, pattern=IS_CANCEL),
            ],
            allow_reentry=True,  # /kiemtra again starts over
            conversation_timeout=timeout,
            name="kiemtra",
        )


def register(app: Application[Any, Any, Any, Any, Any, Any], timeout: float) -> None:
    """The self-check conversation; a hint for /kiemtra in a group and for a stray /huy."""
    app.add_handler(conversation(timeout))
    new = filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler(COMMAND, on_group_command,
                                   filters=filters.ChatType.GROUPS & new))
    app.add_handler(CommandHandler(CANCEL_COMMAND, on_nothing_to_cancel,
                                   filters=filters.ChatType.PRIVATE & new))
