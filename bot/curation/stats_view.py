"""What /stats shows, as plain numbers: drawn by bot.tg.stats_image, checked by tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.core.miss_groups import MissGroup
from bot.core.model import Faq
from bot.store.review_sql import Day
from bot.store.storage import Storage

WINDOW_DAYS = 30
TOP_ENTRIES = 10
TOP_GROUPS = 5
UTC_OFFSET = 7 * 3600  # days are counted in Vietnam time
_DAY = 86400


@dataclass(frozen=True, slots=True)
class StatsView:
    first_day: dt.date
    days: tuple[Day, ...]  # every day of the window, oldest first, empty days included
    upvotes: int
    downvotes: int
    top_entries: tuple[tuple[str, int], ...]  # (question, times answered or tapped)
    top_groups: tuple[tuple[str, int], ...]  # (question, times asked) of open missed groups

    @property
    def answered(self) -> int:
        return sum(d.answered for d in self.days)

    @property
    def suggested(self) -> int:
        return sum(d.suggested for d in self.days)

    @property
    def missed(self) -> int:
        return sum(d.missed for d in self.days)

    @property
    def questions(self) -> int:
        return self.answered + self.suggested + self.missed

    @property
    def votes(self) -> int:
        return self.upvotes + self.downvotes

    @property
    def downvote_rate(self) -> float | None:
        return self.downvotes / self.votes if self.votes else None


def stats_view(storage: Storage, faq: Faq, groups: list[MissGroup]) -> StatsView | None:
    """The last WINDOW_DAYS days; None when storage cannot be read."""
    counted = storage.days(WINDOW_DAYS, UTC_OFFSET)
    votes = storage.votes_since(WINDOW_DAYS * _DAY)
    top = storage.top_entries(WINDOW_DAYS * _DAY, TOP_ENTRIES)
    if counted is None or votes is None or top is None:
        return None
    today = dt.datetime.fromtimestamp(storage.now() + UTC_OFFSET, dt.UTC).date()
    first = today - dt.timedelta(days=WINDOW_DAYS - 1)
    by_day = {d.day: d for d in counted}
    days = tuple(by_day.get(first + dt.timedelta(days=i), Day(first + dt.timedelta(days=i),
                                                              0, 0, 0))
                 for i in range(WINDOW_DAYS))
    entries = tuple((_question(faq, entry_id), n) for entry_id, n in top)
    top_groups = tuple((g.question, g.count) for g in groups[:TOP_GROUPS])
    return StatsView(first, days, votes[0], votes[1], entries, top_groups)


def _question(faq: Faq, entry_id: str) -> str:
    entry = faq.get(entry_id)
    return entry.question if entry is not None else entry_id


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"
