"""Server-rendered SVG charts: a line chart over time against a target, and a histogram.

Plain Python (no Django): numbers in, an SVG string out. Every chart has a
<title> and <desc> and role="img"; the page puts a table of the same numbers
beside it, so nothing is only in the picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 24, 56
# Distinguishable for colour-blind readers (Okabe–Ito), each line also has its own dash pattern.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[date, float]]


def _fmt(value: float) -> str:
    """At most three significant figures, a point for decimals: the default; pages pass their locale's ``fmt``."""
    if value == int(value) and abs(value) < 1e6:
        return f"{int(value)}"
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}".replace(",", "\u00a0")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5, 5 × 10^n steps)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _open(title: str, desc: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _y_axis(lines: list[str], ticks: list[float], y, fmt: Callable[[float], str] = _fmt, *,
            merged: bool = False) -> None:
    if merged:  # the grid as one path: drawn the same, one element instead of one per tick
        grid = " ".join(f"M{LEFT} {y(tick):.1f}H{WIDTH - RIGHT}" for tick in ticks)
        lines.append(f'<path d="{grid}" stroke="#ddd" stroke-width="1"/>')
    for tick in ticks:
        if not merged:
            lines.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                         f'stroke="#ddd" stroke-width="1"/>')
        lines.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#333">{escape(fmt(tick))}</text>')


def line_chart(series: list[Series], *, title: str, desc: str, target: float | None = None,
               target_label: str = "", deadline: date | None = None, chart_id: str = "chart",
               fmt: Callable[[float], str] = _fmt, no_data: str = "Ingen data", for_print: bool = False) -> str:
    """Lines over time; the target as a dashed horizontal line up to its deadline.

    ``fmt`` writes a number (the page's decimal mark), ``no_data`` is the text of an empty chart.
    ``for_print``: the same picture in fewer elements, for a PDF whose layout engine pays per element:
    the grid as one path, each series' points as one path of round dots, without the hover titles
    (a printed page cannot hover; the values are printed beside the chart).
    """
    points = [p for s in series for p in s.points]
    lines = _open(title, desc, chart_id)
    if not points:
        lines.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="16" fill="#333">'
                     f'{escape(no_data)}</text></svg>')
        return "\n".join(lines)
    days = [p[0].toordinal() for p in points] + ([deadline.toordinal()] if deadline else [])
    values = [p[1] for p in points] + ([target] if target is not None else [])
    x_low, x_high = min(days), max(days)
    if x_low == x_high:
        x_low, x_high = x_low - 365, x_high + 365
    # Zero at the bottom for positive figures; a little headroom so a target at the maximum is not on the edge.
    ticks = nice_ticks(min(0.0, min(values)), max(values) * 1.05 if max(values) > 0 else max(values))
    y_low, y_high = ticks[0], ticks[-1]

    def x(day: int) -> float:
        return LEFT + (day - x_low) / (x_high - x_low) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - (value - y_low) / (y_high - y_low) * (HEIGHT - TOP - BOTTOM)

    _y_axis(lines, ticks, y, fmt, merged=for_print)
    years = sorted({date.fromordinal(d).year for d in days})
    step = max(1, math.ceil(len(years) / 10))
    for year in years[::step]:
        day = date(year, 12, 31).toordinal()
        if x_low <= day <= x_high:
            lines.append(f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="12" '
                         f'fill="#333">{year}</text>')
    lines.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" '
                 f'stroke="#333"/>')
    if target is not None:
        end = x(deadline.toordinal()) if deadline else WIDTH - RIGHT
        lines.append(f'<line x1="{LEFT}" x2="{end:.1f}" y1="{y(target):.1f}" y2="{y(target):.1f}" stroke="#000" '
                     f'stroke-width="2" stroke-dasharray="8 4" class="target"/>')
        lines.append(f'<text x="{end - 4:.1f}" y="{y(target) - 6:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#000">{escape(target_label or "Mål")}</text>')
    _series_marks(lines, series, x, y, fmt, for_print)
    _legend(lines, series)
    lines.append("</svg>")
    return "\n".join(lines)


def _series_marks(lines: list[str], series: list[Series], x: Callable[[int], float], y: Callable[[float], float],
                  fmt: Callable[[float], str], for_print: bool) -> None:
    """Each series as a line with a dot per value (hover titles on screen, one path of dots in print)."""
    for index, one in enumerate(series):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        coords = " ".join(f"{x(d.toordinal()):.1f},{y(v):.1f}" for d, v in sorted(one.points))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        lines.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        if for_print:  # a zero-length segment with a round cap as wide as the circle is the same dot
            dots = " ".join(f"M{x(d.toordinal()):.1f} {y(v):.1f}h0" for d, v in one.points)
            lines.append(f'<path d="{dots}" stroke="{colour}" stroke-width="7" stroke-linecap="round"/>')
            continue
        for d, v in one.points:
            lines.append(f'<circle cx="{x(d.toordinal()):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}">'
                         f'<title>{escape(one.label)} {d.year}: {escape(fmt(v))}</title></circle>')


def _legend(lines: list[str], series: list[Series]) -> None:
    # The legend sits under the axis, one entry after another, so it never covers a line.
    legend_x = LEFT
    for index, one in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        lines.append(f'<rect x="{legend_x}" y="{HEIGHT - 20}" width="12" height="12" fill="{colour}"/>')
        lines.append(f'<text x="{legend_x + 18}" y="{HEIGHT - 10}" font-size="12" fill="#000">'
                     f'{escape(one.label)}</text>')
        legend_x += 30 + 7 * len(one.label)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    marked: bool = False  # the bin holding the value the page is about


def bins(values: list[float], count: int = 12, mark: float | None = None) -> list[Bin]:
    """Equal-width bins over the values; the last bin includes its upper edge."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [Bin(low, high, len(values), mark is not None and mark == low)]
    width = (high - low) / count
    counts = [0] * count
    for value in values:
        counts[min(int((value - low) / width), count - 1)] += 1
    result = []
    for i, n in enumerate(counts):
        lo, hi = low + i * width, low + (i + 1) * width
        inside = mark is not None and (lo <= mark < hi or (i == count - 1 and mark == hi))
        result.append(Bin(lo, hi, n, inside))
    return result


def histogram(groups: list[Bin], *, title: str, desc: str, median: float | None = None,
              chart_id: str = "hist", fmt: Callable[[float], str] = _fmt, no_data: str = "Ingen data",
              median_label: str = "median") -> str:
    """Bars of counts per bin; the median as a vertical line; a marked bin is drawn darker and hatched."""
    lines = _open(title, desc, chart_id)
    if not groups:
        lines.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" font-size="16" fill="#333">'
                     f'{escape(no_data)}</text></svg>')
        return "\n".join(lines)
    lines.append('<defs><pattern id="' + chart_id + '-hatch" width="6" height="6" patternUnits="userSpaceOnUse">'
                 '<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.5"/></pattern></defs>')
    ticks = nice_ticks(0, max(g.count for g in groups))
    top = ticks[-1]

    def y(count: float) -> float:
        return HEIGHT - BOTTOM - count / top * (HEIGHT - TOP - BOTTOM)

    _y_axis(lines, ticks, y, fmt)
    low, high = groups[0].low, groups[-1].high
    span = (high - low) or 1.0
    plot = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return LEFT + (value - low) / span * plot

    bar = plot / len(groups)
    for i, group in enumerate(groups):
        left = LEFT + i * bar
        colour = "#D55E00" if group.marked else "#0072B2"
        lines.append(f'<rect x="{left + 1:.1f}" y="{y(group.count):.1f}" width="{bar - 2:.1f}" '
                     f'height="{y(0) - y(group.count):.1f}" fill="{colour}">'
                     f'<title>{escape(fmt(group.low))}–{escape(fmt(group.high))}: {group.count}</title></rect>')
        if group.marked:
            lines.append(f'<rect x="{left + 1:.1f}" y="{y(group.count):.1f}" width="{bar - 2:.1f}" '
                         f'height="{y(0) - y(group.count):.1f}" fill="url(#{chart_id}-hatch)"/>')
    for i in range(0, len(groups) + 1, max(1, len(groups) // 6)):
        value = low + i * span / len(groups)
        lines.append(f'<text x="{LEFT + i * bar:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                     f'font-size="12" fill="#333">{escape(fmt(value))}</text>')
    lines.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" '
                 f'stroke="#333"/>')
    if median is not None:
        lines.append(f'<line x1="{x(median):.1f}" x2="{x(median):.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" '
                     f'stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>')
        lines.append(f'<text x="{x(median) + 4:.1f}" y="{TOP + 12}" font-size="12" fill="#000">'
                     f'{escape(median_label)} {escape(fmt(median))}</text>')
    lines.append("</svg>")
    return "\n".join(lines)


@dataclass(frozen=True)
class BarRow:
    label: str
    counts: dict[str, int]  # category -> count


def stacked_bars(rows: list[BarRow], categories: list[tuple[str, str, str]], *, title: str, desc: str,
                 chart_id: str = "bars") -> str:
    """One horizontal bar per row, split by category ((key, label, colour) in order), the label above each bar.

    Labels sit above their bars rather than beside them, so the chart stays readable when a phone
    shrinks it to 320 px. Segments are parted by a white line; the legend names every colour.
    """
    row_height, bar = 46, 20
    legend_rows = math.ceil(len(categories) / 3)
    height = TOP + row_height * max(len(rows), 1) + 24 * legend_rows + 8
    widest = max((sum(r.counts.values()) for r in rows), default=0) or 1
    usable = WIDTH - 20 - 60
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for index, row in enumerate(rows):
        top = TOP + index * row_height
        lines.append(f'<text x="20" y="{top + 12}" font-size="14">{escape(row.label[:80])}</text>')
        x = 20.0
        for key, _label, colour in categories:
            n = row.counts.get(key, 0)
            if not n:
                continue
            width = usable * n / widest
            lines.append(f'<rect x="{x:.1f}" y="{top + 18}" width="{width:.1f}" height="{bar}" fill="{colour}" '
                         f'stroke="#fff" stroke-width="1.5"/>')
            x += width
        lines.append(f'<text x="{x + 6:.1f}" y="{top + 18 + bar - 5}" font-size="14">'
                     f'{sum(row.counts.values())}</text>')
    legend_top = TOP + row_height * max(len(rows), 1) + 4
    for index, (_key, label, colour) in enumerate(categories):
        x, y = 20 + (index % 3) * 200, legend_top + (index // 3) * 24
        lines.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour}"/>')
        lines.append(f'<text x="{x + 20}" y="{y + 12}" font-size="14">{escape(label)}</text>')
    lines.append("</svg>")
    return "\n".join(lines)
