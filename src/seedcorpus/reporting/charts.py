"""Chart geometry for the report: counts in, rectangles and tick labels out.

The template draws these as inline SVG. SVG holds only numbers, dates and Latin labels; every
Arabic label (sources, keyword phrases) is drawn in HTML beside its bar, where the browser's
bidi algorithm reads it right to left and keeps mixed Arabic and Latin runs whole.

Part of the ``report`` stage (a crawl at a glance).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: Plot area of a column chart, in SVG user units.
PLOT_HEIGHT = 160
COLUMN_WIDTH = 18
COLUMN_GAP = 4
MIN_WIDTH = 360
LEFT_MARGIN = 44
BOTTOM_MARGIN = 56
#: Room above the plot for the top tick's label.
TOP_MARGIN = 10
#: Body-length bins (words): each bin runs from its edge up to the next one.
BODY_WORD_EDGES = (0, 1, 50, 100, 200, 400, 800, 1600, 3200)
#: Keyword phrase counts shown one by one; more are gathered in the last column.
MAX_PHRASE_COLUMN = 15


@dataclass(frozen=True)
class Rect:
    """One drawn rectangle, with the tooltip a reader sees when pointing at it."""

    x: float
    y: float
    width: float
    height: float
    series: str
    tooltip: str


@dataclass(frozen=True)
class Tick:
    """A label at a position along an axis."""

    at: float
    label: str


@dataclass(frozen=True)
class ColumnChart:
    """Vertical (optionally stacked) columns, with x labels under them and a y scale."""

    width: float
    height: float
    rects: list[Rect]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    series: list[str]
    slanted: bool


def column_chart(
    columns: Sequence[tuple[str, Sequence[tuple[str, int]]]], series: Sequence[str]
) -> ColumnChart:
    """Columns of stacked parts: ``[(label, [(series, count), ...]), ...]`` in drawing order."""
    top = max([sum(v for _, v in parts) for _, parts in columns] + [1])
    width = max(MIN_WIDTH, LEFT_MARGIN + len(columns) * (COLUMN_WIDTH + COLUMN_GAP) + COLUMN_GAP)
    rects: list[Rect] = []
    x_ticks: list[Tick] = []
    for index, (label, parts) in enumerate(columns):
        x = LEFT_MARGIN + COLUMN_GAP + index * (COLUMN_WIDTH + COLUMN_GAP)
        base = float(PLOT_HEIGHT)
        for name, value in parts:
            if value <= 0:
                continue
            height = PLOT_HEIGHT * value / top
            base -= height
            tip = f"{label}: {value:,}" + (f" ({name})" if len(series) > 1 else "")
            rects.append(Rect(x, base, COLUMN_WIDTH, height, name, tip))
        x_ticks.append(Tick(x + COLUMN_WIDTH / 2, label))
    y_ticks = [Tick(PLOT_HEIGHT * (1 - v / top), f"{v:,}") for v in sorted({0, top // 2, top})]
    slanted = len(columns) > 6 or any(len(label) > 4 for label, _ in columns)
    return ColumnChart(
        width, PLOT_HEIGHT + BOTTOM_MARGIN, rects, x_ticks, y_ticks, list(series), slanted
    )


def month_chart(months: Counter[tuple[str, str]], precisions: Sequence[str]) -> ColumnChart:
    """Articles per month, each month's column stacked by date precision; empty months kept."""
    if not months:
        return column_chart([], precisions)
    labels = [month for month, _ in months]
    first, last = min(labels), max(labels)
    year, month = int(first[:4]), int(first[5:])
    columns = []
    while f"{year:04d}-{month:02d}" <= last:
        label = f"{year:04d}-{month:02d}"
        columns.append((label, [(p, months[label, p]) for p in precisions]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return column_chart(columns, precisions)


def body_length_chart(words: Sequence[int]) -> ColumnChart:
    """How many articles have a body of each length, in doubling bins of words."""
    counts = Counter(_bin(count) for count in words)
    columns = []
    for index, edge in enumerate(BODY_WORD_EDGES):
        if index + 1 < len(BODY_WORD_EDGES):
            end = BODY_WORD_EDGES[index + 1] - 1
            label = "0" if edge == end == 0 else f"{edge}–{end}"
        else:
            label = f"≥{edge}"
        columns.append((label, [("articles", counts[index])]))
    return column_chart(columns, ["articles"])


def _bin(words: int) -> int:
    """The index of the body-length bin a word count falls in."""
    index = 0
    for i, edge in enumerate(BODY_WORD_EDGES):
        if words >= edge:
            index = i
    return index


def phrase_count_chart(per_article: Counter[int]) -> ColumnChart:
    """How many articles have each number of keyword phrases (the last column gathers more)."""
    highest = min(max([*per_article, 0]), MAX_PHRASE_COLUMN)
    columns = []
    for count in range(highest + 1):
        if count == MAX_PHRASE_COLUMN:
            value = sum(v for k, v in per_article.items() if k >= count)
            columns.append((f"≥{count}", [("articles", value)]))
        else:
            columns.append((str(count), [("articles", per_article[count])]))
    return column_chart(columns, ["articles"])


@dataclass(frozen=True)
class Share:
    """One part of a whole: its label, its count, and its share in percent."""

    label: str
    count: int
    percent: float
    series: str


def shares(parts: Sequence[tuple[str, int, str]]) -> list[Share]:
    """Parts ``(label, count, series)`` of a whole, with their percentages (0 when empty)."""
    total = sum(count for _, count, _ in parts)
    return [
        Share(label, count, 100 * count / total if total else 0.0, series)
        for label, count, series in parts
    ]


@dataclass(frozen=True)
class Row:
    """One row of a horizontal bar list: a label drawn in HTML, a bar drawn in SVG."""

    label: str
    count: int
    percent_of_top: float


def ranked_rows(counts: Counter[str], top: int) -> list[Row]:
    """The ``top`` largest counts, largest first, each bar scaled to the largest."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    largest = ranked[0][1] if ranked else 1
    return [Row(label, count, 100 * count / largest) for label, count in ranked]
