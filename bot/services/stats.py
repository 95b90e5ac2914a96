"""``/tickets stats``: volumes, median first staff response and resolution times, staff, ratings, a chart."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord
from PIL import Image, ImageDraw

from bot import messages
from bot.clock import Clock
from bot.domain.durations import DurationError
from bot.domain.stats import Stats, axis_ticks, parse_period, ratings
from bot.errors import InvalidInput
from storage import Database
from storage import stats as stats_repo

from .access import Access
from .cache import ConfigCache

CHART_SIZE = (900, 360)


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
    days = _every_day(per_day)
    ticks = axis_ticks(max([1, *(c for _, c, _ in days), *(x for _, _, x in days)]))
    peak = ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(days), 1)
    bar = max(1.0, slot / 2 - 1)
    for tick in ticks:
        y = top + plot_h - plot_h * tick / peak
        draw.line([(left, y), (width - right, y)], fill=(63, 65, 71))
        draw.text((6, y - 6), str(tick), fill=(181, 186, 193))
    for index, (day, created, closed) in enumerate(days):
        x = left + index * slot
        for offset, value, colour in ((0, created, (88, 101, 242)), (bar, closed, (59, 165, 92))):
            h = plot_h * value / peak
            draw.rectangle([x + offset, top + plot_h - h, x + offset + bar - 1, top + plot_h], fill=colour)
        if len(days) <= 14 or index % max(1, len(days) // 10) == 0:
            draw.text((x, height - bottom + 6), day[5:], fill=(181, 186, 193))
    draw.text((left, 8), messages.CHART_TITLE, fill=(242, 243, 245))
    draw.rectangle([left + 110, 10, left + 120, 20], fill=(88, 101, 242))
    draw.text((left + 124, 8), messages.CHART_OPENED, fill=(242, 243, 245))
    draw.rectangle([left + 180, 10, left + 190, 20], fill=(59, 165, 92))
    draw.text((left + 194, 8), messages.CHART_CLOSED, fill=(242, 243, 245))
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
