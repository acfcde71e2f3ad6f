"""/chude and its buttons: topics → a topic's questions (edited in place) → an answer."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.tg import callbacks, render
from bot.tg.callbacks import Action
from bot.tg.send import ack, edit, reply
from bot.tg.services import services


async def on_topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await reply(message, render.topic_menu(services(context).engine.faq))


def is_topic_button(data: object) -> bool:
    decoded = callbacks.decode(data)
    return decoded is not None and decoded.action in (Action.TOPIC, Action.TOPICS)


async def on_topic_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    decoded = callbacks.decode(query.data)
    if decoded is None:  # PTB passes an empty payload to every pattern handler
        await ack(query, render.STALE)
        return
    faq = services(context).engine.faq
    if decoded.action is Action.TOPICS:
        await ack(query)
        await edit(query, render.topic_menu(faq))
        return
    topic = faq.topic(decoded.id)
    page = decoded.arg or "0"
    if topic is None or not page.isdigit():  # a topic removed by /reload, or a forged page
        await ack(query, render.STALE)
        return
    await ack(query)
    await edit(query, render.topic_page(faq, topic, int(page)))
