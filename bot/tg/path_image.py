"""The admission path as a phone-friendly PNG, drawn with matplotlib from faq/path.yaml.

Outside bot/core on purpose: matplotlib is heavy, so it is imported only when a picture is
actually drawn. Pictures are cached on disk under a key made of the path's digest (its
content and the source labels it shows) and RENDER_VERSION, so editing path.yaml, or this
layout, gives a new picture and nothing else does.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.admission_path import AdmissionPath, Step, hedge_line, sources_line, updated_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

RENDER_VERSION = "1"  # bump when the layout changes, so cached pictures are redrawn
WIDTH = 1080  # px, a phone's width; Telegram keeps photos up to 2560 px on the long side
# unscaled, so the text stays sharp when zoomed (a test checks the real path fits)
DPI = 100
MARGIN = 36
BOX_X, BOX_W = MARGIN, WIDTH - 2 * MARGIN
TEXT_X = BOX_X + 108  # right of the step number
TEXT_W = BOX_X + BOX_W - 20 - TEXT_X
PAD = 15
ARROW_GAP = 42
FONT = "DejaVu Sans"  # ships with matplotlib and has every Vietnamese glyph

RED, DARK, GREY, AMBER = "#B3121C", "#1F2328", "#57606A", "#9A5B00"
BOX_FACE, BOX_EDGE, PAGE = "#FFF8EE", "#E3C9A8", "#FFFFFF"
CACHE_PREFIX = "lo-trinh-"
_DRAWING = threading.Lock()


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    size: int  # px
    color: str
    bold: bool = False

    @property
    def height(self) -> float:
        return self.size * 1.3


# --- public -----------------------------------------------------------------------------------


def source_stamp(path: AdmissionPath) -> str:
    """Written into the PNG, so a test can tell whether docs/lo-trinh.png is current."""
    return f"faq/path.yaml sha256:{path.digest}"


def cache_key(path: AdmissionPath) -> str:
    return hashlib.sha256(f"{path.digest}:{RENDER_VERSION}".encode()).hexdigest()[:20]


def cached_png(path: AdmissionPath, cache_dir: Path) -> bytes:
    """The picture for `path`, drawn once per content; older pictures are removed."""
    target = cache_dir / f"{CACHE_PREFIX}{cache_key(path)}.png"
    with _DRAWING:  # two /lotrinh at once draw once; matplotlib is not thread-safe anyway
        try:
            return target.read_bytes()
        except FileNotFoundError:
            pass
        png = render_png(path)
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(png)
        partial.replace(target)  # atomic: a reader sees no picture or the whole picture
        for old in cache_dir.glob(f"{CACHE_PREFIX}*.png"):
            if old != target:
                old.unlink(missing_ok=True)
        return png


def render_png(path: AdmissionPath) -> bytes:
    """The picture as PNG bytes, stamped with the data it was drawn from."""
    out = io.BytesIO()
    # No software version stamp (same data, same bytes); the data's digest says what was drawn.
    draw(path).savefig(out, format="png", dpi=DPI, facecolor=PAGE,
                       metadata={"Software": None, "Source": source_stamp(path)})
    return out.getvalue()


def draw(path: AdmissionPath) -> Figure:
    """The flow chart: title, one box per step with its actor and deadline, arrows, footer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    boxes = [_step_lines(step) for step in path.steps]
    footer = _footer_lines(path)
    heights = [_box_height(lines) for lines in boxes]
    title_h = 150
    footer_h = sum(line.height for line in footer) + 2 * PAD
    total = title_h + sum(heights) + ARROW_GAP * (len(heights) - 1) + footer_h + 2 * MARGIN
    height = round(total)

    figure = Figure(figsize=(WIDTH / DPI, height / DPI), dpi=DPI, facecolor=PAGE)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(height, 0)  # y grows downwards, like a page
    ax.axis("off")

    _title(ax, path, title_h)
    y: float = MARGIN + title_h
    for number, (lines, box_h) in enumerate(zip(boxes, heights, strict=True), 1):
        _box(ax, number, lines, y, box_h)
        if number < len(boxes):
            _arrow(ax, y + box_h, y + box_h + ARROW_GAP)
        y += box_h + ARROW_GAP
    _draw_lines(ax, footer, BOX_X, y - ARROW_GAP + PAD * 2)
    return figure


# --- layout -----------------------------------------------------------------------------------


def _step_lines(step: Step) -> list[Line]:
    lines = _wrap(step.label, 38, DARK, bold=True)
    lines += _wrap(f"Ai làm: {step.actor}", 27, GREY)
    if step.note:
        lines += _wrap(step.note, 27, GREY)
    if step.deadline is not None:
        colour = AMBER if step.deadline.hedged else RED
        lines += _wrap(f"Thời hạn: {step.deadline.text}", 27, colour, bold=True)
    return lines


def _footer_lines(path: AdmissionPath) -> list[Line]:
    lines: list[Line] = []
    if hedge_line(path):
        lines += _wrap(hedge_line(path), 25, AMBER, width=BOX_W)
    lines += _wrap(f"{sources_line(path)} — {updated_line(path)}", 25, GREY, width=BOX_W)
    return lines


def _box_height(lines: list[Line]) -> float:
    return max(sum(line.height for line in lines) + 2 * PAD, 100)


def _title(ax: Axes, path: AdmissionPath, height: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((BOX_X, MARGIN), BOX_W, height - 30, facecolor=RED,
                                edgecolor="none", boxstyle="round,pad=0,rounding_size=18"))
    ax.text(WIDTH / 2, MARGIN + 22, path.title, ha="center", va="top", color="white",
            fontproperties=_font(54, bold=True))
    subtitle = f"{len(path.steps)} bước, bấm nút dưới ảnh để đọc từng bước"
    ax.text(WIDTH / 2, MARGIN + 88, subtitle, ha="center", va="top", color="#FFE3E3",
            fontproperties=_font(26))


def _box(ax: Axes, number: int, lines: list[Line], top: float, height: float) -> None:
    from matplotlib.patches import Circle, FancyBboxPatch

    ax.add_patch(FancyBboxPatch((BOX_X, top), BOX_W, height, facecolor=BOX_FACE,
                                edgecolor=BOX_EDGE, linewidth=2,
                                boxstyle="round,pad=0,rounding_size=16"))
    centre = (BOX_X + 54, top + height / 2)
    ax.add_patch(Circle(centre, 36, facecolor=RED, edgecolor="none"))
    ax.text(*centre, str(number), ha="center", va="center_baseline", color="white",
            fontproperties=_font(36, bold=True))
    text_h = sum(line.height for line in lines)
    _draw_lines(ax, lines, TEXT_X, top + (height - text_h) / 2)


def _arrow(ax: Axes, start: float, end: float) -> None:
    from matplotlib.patches import FancyArrowPatch

    x = BOX_X + 54
    ax.add_patch(FancyArrowPatch((x, start + 2), (x, end - 1), arrowstyle="-|>",
                                 mutation_scale=28, linewidth=4, color=RED, zorder=3))


def _draw_lines(ax: Axes, lines: list[Line], x: float, top: float) -> None:
    y = top
    for line in lines:
        ax.text(x, y, line.text, ha="left", va="top", color=line.color,
                fontproperties=_font(line.size, line.bold))
        y += line.height


def _wrap(text: str, size: int, color: str, bold: bool = False, width: int = TEXT_W) -> list[Line]:
    """Greedy word wrap measured with the real font, not guessed from a character count."""
    rows: list[str] = []
    for word in text.split(" "):  # only plain spaces: a no-break space keeps words together
        candidate = f"{rows[-1]} {word}" if rows else word
        if rows and _measure(candidate, size, bold) <= width:
            rows[-1] = candidate
        else:
            rows.append(word)
    return [Line(row, size, color, bold) for row in rows]


def _measure(text: str, size: int, bold: bool) -> float:
    """Advance width in px, from the font's metrics (no drawing, no outlines)."""
    from matplotlib.textpath import text_to_path

    width, _, _ = text_to_path.get_text_width_height_descent(
        text, _font(size, bold, unit=1.0), ismath=False)
    return float(width)


@cache
def _font(size_px: int, bold: bool = False, unit: float = 72 / DPI) -> FontProperties:
    """`unit` 72/DPI gives points for drawing; 1.0 gives px-sized metrics for measuring."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(family=FONT, size=size_px * unit, weight="bold" if bold else "normal")


def write_png(path: AdmissionPath, out: Path) -> int:
    """For `python -m bot render-path`: the number of bytes written."""
    png = render_png(path)
    out.write_bytes(png)
    return len(png)
