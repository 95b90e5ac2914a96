"""What several routes check: a message's validity, the rename rate limit, the bot's own id."""

from __future__ import annotations

from typing import Any

from tests.support import limits
from tests.support.fake_discord import (
    RENAME_WINDOW,
    RENAMES_PER_WINDOW,
    DiscordError,
    FakeDiscord,
    Upload,
    invalid,
)

Body = dict[str, Any]


def validate_message(body: dict[str, Any], uploads: list[Upload]) -> None:
    try:
        limits.check_message(body, files=len(uploads))
    except limits.PayloadError as exc:
        raise invalid(str(exc)) from None
    if (
        not body.get("content")
        and not body.get("embeds")
        and not uploads
        and not body.get("components")
        and not body.get("poll")
        and not body.get("sticker_ids")
    ):
        raise DiscordError(400, 50006, "Cannot send an empty message")


def bot_id(fake: FakeDiscord) -> int:
    return int(fake.bot_user["id"])


def rename_allowed(fake: FakeDiscord, channel_id: int) -> None:
    """Discord's unpublished limit: about two name or topic edits per channel per ten minutes."""
    now = fake.rename_clock()
    recent = [t for t in fake.renames.get(channel_id, []) if now - t < RENAME_WINDOW]
    if len(recent) >= RENAMES_PER_WINDOW:
        retry = RENAME_WINDOW - (now - recent[0])
        fake.violations.append(f"rate limited: channel {channel_id} edited more than twice in ten minutes")
        raise DiscordError(429, 0, "You are being rate limited.", retry_after=round(retry, 3))
    recent.append(now)
    fake.renames[channel_id] = recent
