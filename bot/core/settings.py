"""The settings the core needs, as core values: `bot.config` fills them from config.yaml."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class MessageForm(enum.Enum):
    """How a question came: each form has its own bar for answering outright."""

    LINE = "line"  # a question on its own
    STORY = "story"  # a question with a story around it, in a few lines
    LONG = "long"  # a letter (over LETTER_CHARS characters)


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
    # A long letter dilutes every score with its story: a fair score far ahead of the
    # runner-up is as telling there as a high one.
    long_answer_threshold: float = 44.0
    long_lead_threshold: float = 36.0
    long_lead_margin: float = 12.0
    # A short letter whose question sentence(s), read without the story, point to the same
    # entry as the whole letter: a fair score answers (or any score worth suggesting that
    # leads by the margin). Two readings agreeing is evidence the score alone lacks. (Long
    # letters get no such second chance: on the same measurement it added wrong answers.)
    letter_agreed_answer_threshold: float = 46.0
    letter_agreed_lead_margin: float = 12.0
    # A letter's story dilutes every score: a lower score is still worth a button there.
    letter_suggest_threshold: float = 20.0

    def bars(self, form: MessageForm) -> tuple[float, float, float]:
        """(answer threshold, lead threshold, lead margin) for a message of this form."""
        if form is MessageForm.LONG:
            return self.long_answer_threshold, self.long_lead_threshold, self.long_lead_margin
        if form is MessageForm.STORY:
            return (self.letter_answer_threshold, self.letter_lead_threshold,
                    self.letter_lead_margin)
        return self.answer_threshold, self.lead_threshold, self.lead_margin

    def suggest_floor(self, form: MessageForm) -> float:
        """The least score worth a button, for a message of this form."""
        return self.suggest_threshold if form is MessageForm.LINE else (
            self.letter_suggest_threshold)

    def agreed_bars(self, form: MessageForm) -> tuple[float, float, float] | None:
        """The bars for a short letter whose question sentences alone rank the same entry
        first; None for a line (its question is all there is) and a long letter."""
        if form is MessageForm.STORY:
            return (self.letter_agreed_answer_threshold, self.suggest_threshold,
                    self.letter_agreed_lead_margin)
        return None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str = "Văn phòng cấp ủy nơi bạn làm việc"
    how: str = "Hỏi bí thư chi bộ hoặc chủ tịch công đoàn cơ sở."
