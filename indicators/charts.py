"""A bar chart of indicator completion, drawn server-side as SVG (the template renders the
shapes computed here): one bar per indicator, a line at the expected progress."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from stations import numbers

WIDTH = 640
LABEL = 150  # room for the indicator names
BAR = 18
GAP = 8
SCALE_MAX = Decimal(150)  # bars beyond 150 % are drawn at 150 % and marked
TOP = 20  # room above the bars for the expected-progress label


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: Decimal
    text: str
    behind: bool
    clipped: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    plot_width: int
    bars: list[Bar]
    expected_x: Decimal
    expected_text: str
    ticks: list[tuple[Decimal, str]]


def completion_chart(lines, expected_pct: Decimal) -> Chart:
    plot = WIDTH - LABEL - 60

    def x(pct: Decimal) -> Decimal:
        return (min(pct, SCALE_MAX) / SCALE_MAX * plot).quantize(Decimal("0.1"))

    bars = []
    for n, line in enumerate(lines):
        pct = line.completion if line.completion is not None else Decimal(0)
        bars.append(
            Bar(
                label=line.indicator.label,
                y=TOP + n * (BAR + GAP),
                width=x(pct),
                text="—" if line.completion is None else numbers.shown(pct) + "%",
                behind=line.behind,
                clipped=pct > SCALE_MAX,
            )
        )
    height = TOP + len(bars) * (BAR + GAP) + 24
    return Chart(
        width=WIDTH,
        height=height,
        label_width=LABEL,
        plot_width=plot,
        bars=bars,
        expected_x=x(expected_pct),
        expected_text=numbers.shown(expected_pct) + "%",
        ticks=[(x(Decimal(t)), f"{t}%") for t in (0, 50, 100, 150)],
    )
