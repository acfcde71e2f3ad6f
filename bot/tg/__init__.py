"""The Telegram layer: thin adapters from python-telegram-bot updates to the core engine."""
