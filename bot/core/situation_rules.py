"""Warnings for curators: a relative the reader cannot see in a phrasing.

An entry's phrasings tell the situation guard whom the entry speaks of. Typed without
diacritics a one-word relative ("bo", "me") is not read as one ("bo" may be "bộ"), so
"bo tung o tu" in an entry about parents reads as the writer's own prison term, and the
entry then answers a worker asking about his own record. Only entries about relatives are
checked: elsewhere "bo" is mostly "chi bộ". The FAQ still loads; `validate`
shows the phrasing's line and what to write instead.
"""

from __future__ import annotations

from bot.core.problems import Problem
from bot.core.raw_faq import RawFaq, phrasings_at
from bot.core.reading import Reader
from bot.core.situation import SituationProfile
from bot.core.text import fold


def check(raw: RawFaq, reader: Reader) -> list[Problem]:
    spelt = {p[0] for p, c in reader.lexicon.situations.items()
             if len(p) == 1 and c.kind == "relation"}  # "cha" needs no diacritics
    relatives = {fold(word) for word in spelt}
    others = {tuple(fold(w) for w in p) for p, c in reader.lexicon.situations.items()
              if not c.kind}  # "chi bộ": the "bo" in it is no relative
    warnings: list[Problem] = []
    for loc in raw.entries:
        clauses = [(line, text, reader.phrase(text)) for line, text in phrasings_at(loc)]
        if not SituationProfile.of(c for _, _, c in clauses).relational:
            continue  # an entry about the writer: "bo" there is mostly "bộ" (chi bộ)
        for line, text, clause in clauses:
            if not clause.pairs or any(relation for relation, _ in clause.pairs):
                continue  # no situation, or its relative was read
            words = [t.folded for t in clause.tokens]
            if any(t.accented for t in clause.tokens):
                continue  # typed with diacritics: a plain "ma" there is "ma" ("ma túy")
            unseen = [words[i] for i, word in enumerate(words)
                      if word in relatives and word not in spelt
                      and not _covered(words, i, others)]
            if unseen:
                warnings.append(Problem(loc.file, line, (
                    f"câu '{text}': '{unseen[0]}' gõ không dấu không được hiểu là người thân "
                    "(có thể là một từ khác), nên câu đọc như chuyện của chính người hỏi; "
                    f"viết có dấu hoặc thêm người được nói tới ('{unseen[0]} em', "
                    f"'{unseen[0]} tôi')")))
    return warnings


def _covered(words: list[str], i: int, phrases: set[tuple[str, ...]]) -> bool:
    """Is words[i] inside one of `phrases` (folded) in `words`?"""
    return any(tuple(words[start : start + len(p)]) == p for p in phrases
               for start in range(max(0, i - len(p) + 1), i + 1))
