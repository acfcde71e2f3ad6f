"""/chude and its buttons: topics → a topic's questions (edited in place) → an answer."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.tg import callbacks, render
from bot.tg.callbacks import Action
from bot.tg.send import ack, edit, reply
from bot.tg.services import Services, on_message, services


@on_message
async def on_topics_command(
    message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE
) -> None:
    await reply(message, render.topic_menu(svc.engine.faq))


async def on_topic_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, decoded = callbacks.tapped(update)
    faq = services(context).engine.faq
    if decoded.action is Action.TOPICS:
        await ack(query)
        await edit(query, render.topic_menu(faq))
        return
    topic = faq.topic(decoded.id)
    if topic is None:  # a topic removed by /reload
        await ack(query, render.STALE)
        return
    await ack(query)
    await edit(query, render.topic_page(faq, topic, int(decoded.arg or 0)))  # digits: codec
