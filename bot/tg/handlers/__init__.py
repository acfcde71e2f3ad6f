"""Every handler, registered in one ordered block. Order matters: the first match wins."""

from __future__ import annotations

from typing import Any

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Config
from bot.tg import callbacks
from bot.tg.callbacks import Action
from bot.tg.handlers import (
    admin,
    buttons,
    groups,
    inline,
    kiemtra,
    lotrinh,
    other,
    questions,
    review,
    start,
    topics,
)
from bot.tg.handlers.errors import on_error
from bot.tg.handlers.flood import flood_guard

_NEW = filters.UpdateType.MESSAGE  # channel posts are not questions
_PRIVATE = filters.ChatType.PRIVATE & _NEW
# A question fixed by editing it, in a private chat, is answered again (commands are not).
_EDITED = (filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.TEXT
           & ~filters.COMMAND)


def register(app: Application[Any, Any, Any, Any, Any, Any], config: Config) -> None:
    admins = filters.User(user_id=config.telegram.admins, allow_empty=False)

    # Group -1 runs first, and in a group only the first matching handler runs.
    # 1. Callback data that does not decode (empty, forged, another version) is answered
    #    "please ask again" here, once, and stopped: no handler below guards for it. (PTB
    #    passes empty data through every pattern, so it must never reach them.) Before flood
    #    control: either way such a tap costs exactly one answerCallbackQuery.
    app.add_handler(
        CallbackQueryHandler(buttons.on_stale_button, pattern=callbacks.is_stale), group=-1
    )
    # 2. Flood control for everything the bot would answer. It stops an update
    #    (ApplicationHandlerStop) only when the sender is over the limit.
    hoi = filters.ChatType.GROUPS & _NEW & filters.Regex(r"^/hoi(?:@\w+)?(?:\s|$)")
    answerable = _PRIVATE | _EDITED | (groups.ADDRESSED & _NEW) | hoi
    app.add_handler(MessageHandler(answerable, flood_guard), group=-1)
    app.add_handler(CallbackQueryHandler(flood_guard), group=-1)

    # Issue 6: /lotrinh (the path as a picture; its text-version button) and /kiemtra (the
    # self-check conversation with /huy and a timeout). Before /start, whose `/start lotrinh`
    # and `/start kiemtra` (the private-chat buttons a group gets) are theirs; before the
    # catch-alls below, which would take their commands as unknown and their buttons as
    # stale. Step and checklist buttons are plain `a:` answers (buttons.on_entry_button).
    lotrinh.register(app)
    kiemtra.register(app, config.telegram.selfcheck_timeout)

    # Commands before text: CommandHandler also matches /cmd@thisbot and ignores other bots'.
    app.add_handler(CommandHandler("start", start.on_start, filters=_NEW))
    app.add_handler(CommandHandler("help", start.on_help, filters=_NEW))
    app.add_handler(CommandHandler("chude", topics.on_topics_command, filters=_NEW))
    app.add_handler(CommandHandler("hoi", groups.on_hoi, filters=_NEW))
    # Admin commands only for listed ids; anyone else falls through to the unknown command.
    app.add_handler(CommandHandler("stats", review.on_stats, filters=_NEW & admins))
    app.add_handler(CommandHandler("misses", review.on_misses, filters=_NEW & admins))
    app.add_handler(CommandHandler("changes", review.on_changes, filters=_NEW & admins))
    app.add_handler(CommandHandler("reload", admin.on_reload, filters=_NEW & admins))

    # Buttons by kind, one pattern each. The last catches payloads that decode but that no
    # handler takes now: a self-check button after the conversation ended or timed out.
    topic_taps = callbacks.pattern(Action.TOPIC, Action.TOPICS)
    entry_taps = callbacks.pattern(Action.ANSWER, Action.SUGGESTION)
    vote_taps = callbacks.pattern(Action.VOTE)
    app.add_handler(CallbackQueryHandler(topics.on_topic_button, pattern=topic_taps))
    app.add_handler(CallbackQueryHandler(buttons.on_entry_button, pattern=entry_taps))
    app.add_handler(CallbackQueryHandler(buttons.on_vote_button, pattern=vote_taps))
    # /misses buttons: the handler checks the tapper is an admin (a button has no user filter)
    review_taps = callbacks.pattern(*review.ACTIONS)
    app.add_handler(CallbackQueryHandler(review.on_review_button, pattern=review_taps))
    app.add_handler(CallbackQueryHandler(buttons.on_stale_button))

    app.add_handler(InlineQueryHandler(inline.on_inline_query))

    # Groups: one greeting when the bot is added; then only messages addressed to the bot,
    # everything else there is chatter.
    added = filters.StatusUpdate.NEW_CHAT_MEMBERS | filters.StatusUpdate.CHAT_CREATED
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & added, groups.on_added))
    app.add_handler(MessageHandler(groups.ADDRESSED & _NEW, groups.on_group_text))
    # Private chats: any text is a question; unknown commands and non-text get a short reply.
    app.add_handler(MessageHandler(_PRIVATE & filters.COMMAND, other.on_unknown_command))
    app.add_handler(MessageHandler(_PRIVATE & filters.TEXT, questions.on_private_text))
    app.add_handler(MessageHandler(_EDITED, questions.on_private_text))
    app.add_handler(MessageHandler(_PRIVATE & ~filters.StatusUpdate.ALL, other.on_non_text))

    app.add_error_handler(on_error)

