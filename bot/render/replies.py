"""Answering interactions: one way to reply, and one way to turn any error into a reply."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import discord
from discord import app_commands

from bot import i18n, messages
from bot.errors import TicketDeskError

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
# ``extras`` of a command that answers by itself (with a form, or after deciding from memory whether to
# show one); every other command is acknowledged before its callback runs (``TicketDeskTree``)
ANSWERS_ITSELF = {"answers": "itself"}


def speak_to(interaction: discord.Interaction) -> None:
    """From here on, this interaction's task speaks the member's client language when TicketDesk has it,
    else the server's (the bot's ``server_language``; Discord's server locale without one)."""
    server = getattr(interaction.client, "server_language", None)
    guild = interaction.guild
    fallback = server(guild) if server is not None and guild is not None else interaction.guild_locale
    i18n.speak(i18n.resolve(interaction.locale, fallback))


def answers_itself(command: object) -> bool:
    return getattr(command, "extras", {}).get("answers") == "itself"


async def acknowledge(interaction: discord.Interaction) -> None:
    """Say "thinking..." (ephemerally) unless the interaction was answered already; do this before anything
    that waits on the database or Discord, so the three seconds Discord gives never run out."""
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)


async def reply(
    interaction: discord.Interaction,
    content: str | None = None,
    *,
    ephemeral: bool = True,
    **kwargs: Any,
) -> None:
    """Answer by the initial response if it is still free, else by a follow-up. Never pings."""
    kwargs.setdefault("allowed_mentions", NO_MENTIONS)
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(content, ephemeral=ephemeral, **kwargs)


def _unwrap(error: BaseException) -> BaseException:
    while (
        isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError) and error.__cause__
    ):
        error = error.__cause__
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    return error


def describe(error: BaseException) -> tuple[str, str | None]:
    """The sentence to show for ``error``, and an incident id when it was unexpected."""
    original = _unwrap(error)
    if isinstance(original, TicketDeskError):
        return original.message, None
    if isinstance(error, app_commands.TransformerError) and not isinstance(original, TicketDeskError):
        return messages.BAD_OPTION.format(
            option=error.transformer._error_display_name, detail=error.value
        ), None
    if isinstance(original, app_commands.CommandSignatureMismatch | app_commands.CommandNotFound):
        return messages.COMMAND_OUTDATED, None
    if isinstance(original, app_commands.NoPrivateMessage):
        return messages.NOT_IN_GUILD, None
    if isinstance(original, app_commands.CommandOnCooldown):
        return messages.COOLDOWN.format(seconds=max(1, round(original.retry_after))), None
    if isinstance(original, app_commands.CheckFailure):
        return messages.CHECK_FAILED, None
    if isinstance(original, discord.Forbidden):
        return messages.DISCORD_FORBIDDEN.format(detail=original.text or "403"), None
    if isinstance(original, discord.DiscordServerError | TimeoutError):
        return messages.DISCORD_UNAVAILABLE, None
    if isinstance(
        original, discord.HTTPException
    ):  # a 400 or 404 is Discord saying no, not a lost permission
        return messages.DISCORD_REFUSED.format(detail=original.text or original.status), None
    incident = secrets.token_hex(4)
    return messages.INCIDENT.format(incident=incident), incident


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user what went wrong, ephemerally; log the unexpected with an incident id."""
    speak_to(interaction)  # an error discord.py met before any check ran
    text, incident = describe(error)
    original = _unwrap(error)
    if incident is not None:
        log.error(
            "incident %s in guild %s by user %s (%s)",
            incident,
            interaction.guild_id,
            interaction.user.id if interaction.user else None,
            _where(interaction),
            exc_info=original,
        )
    elif isinstance(original, discord.HTTPException):
        log.warning("Discord refused an action in guild %s: %s", interaction.guild_id, original)
    try:
        await reply(interaction, text, ephemeral=True)
    except discord.HTTPException as exc:
        # The interaction token may be dead already (answered elsewhere or expired); nothing more to do.
        log.warning("could not report an error to user %s: %s", interaction.user.id, exc)


def _where(interaction: discord.Interaction) -> str:
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data = interaction.data or {}
    custom_id = data.get("custom_id") if isinstance(data, dict) else None
    return f"component {custom_id}" if custom_id else str(interaction.type)
