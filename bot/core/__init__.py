"""The core: FAQ model, loading, validation, normalising and matching.

Nothing in this package imports `telegram` or `sqlite3` (tests/test_architecture.py checks it).
"""
