"""The console: `python -m bot` and its subcommands, plain-text replies, the console self-check.

Only `run` reaches the Telegram layer, and only when it is called.
"""
