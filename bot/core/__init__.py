"""The core: FAQ model, loading, validation, normalising and matching.

It imports only itself (`bot.core.*`): no Telegram, no SQLite, not even `bot.config`; the
settings it needs are `bot.core.settings` values (tests/test_architecture.py checks it).
"""
