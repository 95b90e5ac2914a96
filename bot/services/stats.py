"""``/tickets stats``: volumes, median first staff response and resolution times, staff, ratings, a chart."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import discord
from PIL import Image, ImageDraw, ImageFont

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.durations import DurationError
from bot.domain.stats import Stats, axis_ticks, parse_period, ratings
from bot.errors import InvalidInput
from storage import Database
from storage import stats as stats_repo

from .access import Access
from .cache import ConfigCache

CHART_SIZE = (900, 360)
# DejaVu Sans (bundled, with its licence): Pillow's own font has no Cyrillic and little Latin beyond French,
# and the chart speaks the member's language
FONT = Path(__file__).resolve().parents[1] / "assets" / "DejaVuSans.ttf"


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


@dataclass(eq=False)
class StatsService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access

    async def stats(self, viewer: discord.Member, period: str | None) -> Stats:
        self.access.require_staff_anywhere(viewer)
        try:
            span = parse_period(period)
        except DurationError as exc:
            raise InvalidInput(messages.PERIOD_INVALID.format(detail=exc)) from None
        since = self.clock.now() - span if span else None
        rows = await self.db.read(stats_repo.gather, viewer.guild.id, since)
        groups = self.cache.groups(viewer.guild.id)
        names: dict[int | None, str] = {g.id: g.name for g in groups}
        levels = max((len(g.rating_levels) for g in groups), default=0)
        chart = chart_png(rows.per_day) if rows.per_day else None
        return Stats(period or messages.ALL_TIME, since, rows, ratings(rows.ratings, levels), names, chart)


def chart_png(per_day: list[tuple[str, int, int]]) -> bytes:
    """Tickets opened and closed per day as a bar chart (Pillow)."""
    width, height = CHART_SIZE
    left, right, top, bottom = 48, 16, 32, 40
    image = Image.new("RGB", CHART_SIZE, (43, 45, 49))
    draw = ImageDraw.Draw(image)
    small, title = _font(11), _font(14)
    grey, white = (181, 186, 193), (242, 243, 245)
    days = _every_day(per_day)
    ticks = axis_ticks(max([1, *(c for _, c, _ in days), *(x for _, _, x in days)]))
    peak = ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(days), 1)
    bar = max(1.0, slot / 2 - 1)
    for tick in ticks:
        y = top + plot_h - plot_h * tick / peak
        draw.line([(left, y), (width - right, y)], fill=(63, 65, 71))
        draw.text((6, y - 7), i18n.decimal(tick, "#,##0"), fill=grey, font=small)
    for index, (day, created, closed) in enumerate(days):
        x = left + index * slot
        for offset, value, colour in ((0, created, (88, 101, 242)), (bar, closed, (59, 165, 92))):
            h = plot_h * value / peak
            draw.rectangle([x + offset, top + plot_h - h, x + offset + bar - 1, top + plot_h], fill=colour)
        if len(days) <= 14 or index % max(1, len(days) // 10) == 0:
            draw.text((x, height - bottom + 6), i18n.day_month(day), fill=grey, font=small)
    draw.text((left, 8), messages.CHART_TITLE, fill=white, font=title)
    x = left + draw.textlength(messages.CHART_TITLE, font=title) + 16  # the legend, after the title
    for label, colour in ((messages.CHART_OPENED, (88, 101, 242)), (messages.CHART_CLOSED, (59, 165, 92))):
        draw.rectangle([x, 11, x + 10, 21], fill=colour)
        draw.text((x + 14, 9), label, fill=white, font=small)
        x += 14 + draw.textlength(label, font=small) + 16
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _every_day(per_day: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Fill the days without tickets, so the chart's time axis is even."""
    if not per_day:
        return []
    known = {d: (c, x) for d, c, x in per_day}
    first = datetime.fromisoformat(per_day[0][0])
    last = datetime.fromisoformat(per_day[-1][0])
    days = []
    current = first
    while current <= last and len(days) < 400:
        key = current.strftime("%Y-%m-%d")
        days.append((key, *known.get(key, (0, 0))))
        current += timedelta(days=1)
    return days
