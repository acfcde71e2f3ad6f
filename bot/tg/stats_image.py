"""/stats as a phone-sized PNG: questions per day, the 👎 rate, top entries, missed groups.

matplotlib is imported only here and only when drawing (the object API, no pyplot state, so
drawing in a worker thread is safe). `figure()` returns the drawing before it is saved, so a
test can read every number it shows.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from bot.curation.stats_view import StatsView, percent

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH, HEIGHT, DPI = 1080, 1920, 100  # px: a phone screen, portrait
FONT = "DejaVu Sans"  # ships with matplotlib, has every Vietnamese glyph (no emoji)
GREEN, AMBER, RED, GREY, DARK = "#2E7D32", "#F9A825", "#C62828", "#57606A", "#1F2328"
LABEL_CHARS = 34


def summary_line(view: StatsView) -> str:
    return (f"{view.questions} câu hỏi · trả lời ngay {view.answered} "
            f"({percent(view.answered, view.questions)}) · gợi ý {view.suggested} · "
            f"chưa trả lời được {view.missed}")


def downvote_line(view: StatsView) -> str:
    return (f"Bấm 👎: {view.downvotes}/{view.votes} lượt góp ý "
            f"({percent(view.downvotes, view.votes)})")


def figure(view: StatsView) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
    fig.patch.set_facecolor("white")
    fig.text(0.05, 0.975, f"Thống kê {len(view.days)} ngày", fontsize=30, weight="bold",
             color=DARK, family=FONT, va="top")
    fig.text(0.05, 0.945, textwrap.fill(summary_line(view), 62), fontsize=17, color=DARK,
             family=FONT, va="top", linespacing=1.4)
    fig.text(0.05, 0.895, downvote_line(view).replace("👎", "không hài lòng"), fontsize=17,
             color=RED, family=FONT, va="top")
    _per_day(fig.add_axes((0.09, 0.63, 0.86, 0.22)), view)
    _ranking(fig.add_axes((0.05, 0.33, 0.88, 0.24)), "Mục được hỏi nhiều nhất",
             view.top_entries, GREEN)
    _ranking(fig.add_axes((0.05, 0.04, 0.88, 0.22)), "Nhóm câu hỏi chưa trả lời lớn nhất",
             view.top_groups, RED)
    return fig


def render_png(view: StatsView) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure(view)
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _per_day(ax: Axes, view: StatsView) -> None:
    x = range(len(view.days))
    answered = [d.answered for d in view.days]
    suggested = [d.suggested for d in view.days]
    missed = [d.missed for d in view.days]
    ax.bar(x, answered, color=GREEN, label=f"Trả lời ngay ({view.answered})")
    ax.bar(x, suggested, bottom=answered, color=AMBER, label=f"Gợi ý ({view.suggested})")
    ax.bar(x, missed, bottom=[a + s for a, s in zip(answered, suggested, strict=True)],
           color=RED, label=f"Chưa trả lời được ({view.missed})")
    ticks = [i for i in x if (len(view.days) - 1 - i) % 7 == 0]  # weekly, ending today
    ax.set_xticks(ticks, [view.days[i].day.strftime("%d/%m") for i in ticks], fontsize=13)
    ax.tick_params(axis="y", labelsize=13)
    ax.set_title("Câu hỏi mỗi ngày", fontsize=20, loc="left", color=DARK, family=FONT)
    ax.legend(loc="upper left", fontsize=13, frameon=False, prop={"family": FONT, "size": 13})
    ax.spines[["top", "right"]].set_visible(False)
    top = max((a + s + m for a, s, m in zip(answered, suggested, missed, strict=True)),
              default=0)
    ax.set_ylim(0, max(top * 1.45, 1))


def _ranking(ax: Axes, title: str, items: tuple[tuple[str, int], ...], color: str) -> None:
    ax.set_title(title, fontsize=20, loc="left", color=DARK, family=FONT)
    ax.axis("off")
    if not items:
        ax.text(0, 0.5, "Chưa có dữ liệu", fontsize=16, color=GREY, family=FONT)
        return
    rows = len(items)
    biggest = max(n for _, n in items)
    for row, (label, count) in enumerate(items):
        y = 1 - (row + 0.5) / max(rows, 5)
        width = 0.25 * count / biggest
        ax.barh(y, width, height=0.6 / max(rows, 5), left=0.0, color=color)
        ax.text(width + 0.01, y, str(count), fontsize=15, va="center", color=DARK,
                family=FONT, weight="bold")
        ax.text(0.34, y, _short(label), fontsize=16, va="center", color=DARK, family=FONT)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)


def _short(label: str) -> str:
    lines = textwrap.wrap(label, LABEL_CHARS)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_CHARS - 1] + "…"]
    return "\n".join(lines)
