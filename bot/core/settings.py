"""The settings the core needs, as core values: `bot.config` fills them from config.yaml."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MatchingConfig:
    answer_threshold: float = 48.0
    suggest_threshold: float = 30.0
    margin: float = 0.5
    lead_threshold: float = 42.0  # a lower score still answers when it leads clearly ...
    lead_margin: float = 4.0  # ... by at least this much over the runner-up
    max_suggestions: int = 3
    inline_threshold: float = 25.0
    # A letter (a story around its question, or over 200 characters) shares words with many
    # entries: it answers only with a higher score, or a clear lead.
    letter_answer_threshold: float = 58.0
    letter_lead_threshold: float = 54.0
    letter_lead_margin: float = 4.0


@dataclass(frozen=True, slots=True)
class Contact:
    name: str = "Văn phòng cấp ủy nơi bạn làm việc"
    how: str = "Hỏi bí thư chi bộ hoặc chủ tịch công đoàn cơ sở."
