"""`python -m bot misses`: the stored misses as YAML stubs a curator turns into entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

import yaml

from bot.config import Config
from bot.store.storage import Miss, read_misses


def export_misses(config: Config, out: TextIO) -> int:
    """Write the stored misses as YAML stubs for curators; returns how many stubs."""
    path = config.storage.path
    out.write("# Câu hỏi bot chưa trả lời được hoặc bị bấm 👎, gộp theo nội dung.\n")
    out.write("# Mỗi mục: thêm `question` vào `alternates` của `best_guess` nếu đúng ý,\n")
    out.write("# hoặc viết một mục mới (xem faq/README.md).\n")
    if not path.exists():
        out.write("[]\n")
        return 0
    stubs = _group_misses(read_misses(path))
    dumped = yaml.safe_dump(stubs, allow_unicode=True, sort_keys=False, width=99)
    out.write(dumped if stubs else "[]\n")
    return len(stubs)


@dataclass(slots=True)
class _Stub:
    question: str
    count: int = 0
    downvotes: int = 0
    last_asked: str = ""
    guesses: dict[str, int] = field(default_factory=dict)

    def as_yaml(self) -> dict[str, object]:
        best = max(self.guesses, key=lambda k: self.guesses[k]) if self.guesses else None
        return {
            "question": self.question,
            "count": self.count,
            "downvotes": self.downvotes,
            "best_guess": best,
            "last_asked": self.last_asked,
        }


def _group_misses(misses: list[Miss]) -> list[dict[str, object]]:
    """One stub per distinct question (case and spacing ignored), most asked first."""
    groups: dict[str, _Stub] = {}
    for miss in misses:  # oldest first, so the latest wording wins
        stub = groups.setdefault(" ".join(miss.text.casefold().split()), _Stub(miss.text))
        stub.question = miss.text
        stub.count += 1
        stub.downvotes += miss.kind == "downvote"
        stub.last_asked = miss.at.date().isoformat()
        if miss.best_id:
            stub.guesses[miss.best_id] = stub.guesses.get(miss.best_id, 0) + 1
    return [s.as_yaml() for s in sorted(groups.values(), key=lambda s: -s.count)]
