"""Horizontal bar charts drawn as SVG on the server: no script, and a table of the same figures beside."""

from dataclasses import dataclass

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 260
BAR_AREA_WIDTH = 320
VALUE_WIDTH = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT * 2 // 3


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    width: int = LABEL_WIDTH + BAR_AREA_WIDTH + VALUE_WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)


def bar_chart(title, rows):
    """A chart of `rows` ((label, value) pairs); each bar's length is its share of the largest value."""
    rows = list(rows)
    largest = max((value for _label, value in rows), default=0) or 1
    bars = [
        Bar(str(label), value, index * (BAR_HEIGHT + BAR_GAP), round(BAR_AREA_WIDTH * value / largest))
        for index, (label, value) in enumerate(rows)
    ]
    return BarChart(title, bars, height=max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP))
