"""Curation: from missed questions to FAQ edits, with an audit trail (no Telegram here)."""
