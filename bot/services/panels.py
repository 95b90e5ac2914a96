"""Panels: create, add and remove entries, post (or refresh, or recreate) the message, delete."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

import discord

from bot import i18n, messages
from bot.clock import Clock
from bot.domain.models import Panel, PanelKind, TicketGroup
from bot.domain.templates import fill_message
from bot.domain.text import as_id, clip, one_line, strip_invisible
from bot.errors import Conflict, InvalidInput, NotFound
from bot.render.panels import PanelMessage, panel_message
from storage import Connection, Database
from storage import guilds as guild_repo
from storage import panels as panel_repo
from storage.events import record

from .access import Access
from .cache import ConfigCache
from .custom_messages import CustomMessageService
from .events import GroupDeleted

log = logging.getLogger(__name__)

ENTRY_LIMIT = {PanelKind.BUTTON: 1, PanelKind.TYPE_BUTTONS: 25, PanelKind.DROPDOWN: 25}
LABEL_MAX = 80
DESCRIPTION_MAX = 100
TITLE_MAX = 256
PANEL_DESCRIPTION_MAX = 4000
NAME_MAX = 50


@dataclass(slots=True)
class Posted:
    panel: Panel
    message: discord.Message
    refreshed: bool


def _clean(text: str | None, limit: int, what: str) -> str | None:
    if text is None:
        return None
    cleaned = strip_invisible(text).strip()
    if len(cleaned) > limit:
        raise InvalidInput(messages.TEXT_TOO_LONG.format(what=what, max=limit))
    return cleaned or None


@dataclass(eq=False)
class PanelService:
    db: Database
    clock: Clock
    cache: ConfigCache
    access: Access
    custom_messages: CustomMessageService

    def list(self, guild_id: int) -> list[Panel]:
        return self.cache.panels(guild_id)

    async def list_for(self, actor: discord.Member) -> list[Panel]:
        """Every panel of the actor's server (admins only)."""
        self.access.require_admin(actor)
        return self.list(actor.guild.id)

    def get(self, panel_id: int) -> Panel | None:
        return self.cache.panel(panel_id)

    def find(self, guild_id: int, text: str) -> Panel:
        text = text.strip()
        panel = None
        ident = as_id(text)
        if ident is not None:
            panel = self.cache.panel(ident)
            if panel is not None and panel.guild_id != guild_id:
                panel = None
        if panel is None:
            panel = self.cache.panel_named(guild_id, text)
        if panel is None:
            raise NotFound(messages.PANEL_NOT_FOUND.format(name=text))
        return panel

    def entry_group(self, guild_id: int, panel_id: int, entry_id: int) -> TicketGroup:
        """The group a panel entry opens; refuses entries of other guilds, removed entries and deleted groups."""
        panel = self.get(panel_id)
        entry = (
            None
            if panel is None or panel.guild_id != guild_id
            else next((e for e in panel.entries if e.id == entry_id), None)
        )
        group = None if entry is None else self.cache.live_group(entry.group_id)
        if group is None or group.guild_id != guild_id:
            raise NotFound(messages.ENTRY_GONE)
        return group

    def find_optional(self, guild_id: int, text: str) -> Panel | None:
        try:
            return self.find(guild_id, text)
        except NotFound:
            return None

    async def create_panel(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        name: str,
        kind: PanelKind = PanelKind.BUTTON,
        *,
        title: str | None = None,
        description: str | None = None,
        custom_message_id: int | None = None,
    ) -> Panel:
        self.access.require_admin(actor)
        name = one_line(strip_invisible(name))
        if not 1 <= len(name) <= NAME_MAX:
            raise InvalidInput(messages.PANEL_NAME_BAD.format(max=NAME_MAX))
        title = _clean(title, TITLE_MAX, messages.WORD_TITLE)
        description = _clean(description, PANEL_DESCRIPTION_MAX, messages.WORD_DESCRIPTION)
        now = self.clock.now()

        def create(tx: Connection) -> Panel:
            guild_repo.ensure(tx, guild.id, now)
            panel = panel_repo.create(
                tx,
                guild.id,
                name,
                kind,
                now,
                title=title,
                description=description,
                custom_message_id=custom_message_id,
            )
            record(
                tx,
                guild_id=guild.id,
                action="panel.create",
                now=now,
                actor_id=actor.id,
                detail={"panel_id": panel.id, "kind": str(kind)},
            )
            return panel

        if self.cache.panel_named(guild.id, name) is not None:
            raise Conflict(messages.PANEL_EXISTS.format(name=name))
        try:
            return await self.db.write(create)
        except sqlite3.IntegrityError:  # another admin took the name meanwhile
            raise Conflict(messages.PANEL_EXISTS.format(name=name)) from None

    async def add_entry(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        panel: Panel,
        group: TicketGroup,
        *,
        label: str | None = None,
        emoji: str | None = None,
        description: str | None = None,
    ) -> Panel:
        self.access.require_admin(actor)
        if len(panel.entries) >= ENTRY_LIMIT[panel.kind]:
            if panel.kind is PanelKind.BUTTON:
                raise Conflict(messages.PANEL_BUTTON_ONE_ENTRY)
            raise Conflict(messages.PANEL_FULL.format(limit=ENTRY_LIMIT[panel.kind]))
        with i18n.speaking(self.cache.language(guild)):  # a default label is for everyone to read
            default = messages.DEFAULT_OPEN_LABEL
        label = _clean(label, LABEL_MAX, messages.WORD_LABEL) or (
            default if panel.kind is PanelKind.BUTTON else clip(group.name, LABEL_MAX)
        )
        description = _clean(description, DESCRIPTION_MAX, messages.WORD_DESCRIPTION)
        emoji = self._emoji(guild, emoji)
        now = self.clock.now()

        def add(tx: Connection) -> None:
            entry = panel_repo.add_entry(tx, panel.id, group.id, label, emoji=emoji, description=description)
            record(
                tx,
                guild_id=guild.id,
                action="panel.entry.add",
                now=now,
                actor_id=actor.id,
                detail={"panel_id": panel.id, "entry_id": entry.id, "group_id": group.id},
            )

        await self.db.write(add)
        return await self._refreshed(guild, panel)

    def _emoji(self, guild: discord.Guild, text: str | None) -> str | None:
        if text is None or not text.strip():
            return None
        text = text.strip()
        if len(text) > 100:
            raise InvalidInput(messages.EMOJI_TOO_LONG)
        partial = discord.PartialEmoji.from_str(text)
        if partial.id is None and (any(ch.isalnum() for ch in text) or " " in text):
            raise InvalidInput(messages.NOT_AN_EMOJI.format(text=clip(text, 40)))
        return text

    async def remove_entry(
        self, actor: discord.Member, guild: discord.Guild, panel: Panel, entry_id: int
    ) -> Panel:
        self.access.require_admin(actor)
        if not any(e.id == entry_id for e in panel.entries):
            raise NotFound(messages.ENTRY_NOT_FOUND)
        now = self.clock.now()

        def remove(tx: Connection) -> None:
            panel_repo.remove_entry(tx, entry_id)
            record(
                tx,
                guild_id=guild.id,
                action="panel.entry.remove",
                now=now,
                actor_id=actor.id,
                detail={"panel_id": panel.id, "entry_id": entry_id},
            )

        await self.db.write(remove)
        return await self._refreshed(guild, panel)

    async def _refreshed(self, guild: discord.Guild, panel: Panel) -> Panel:
        await self.refresh(guild, panel.id)
        updated = self.get(panel.id)
        if updated is None:  # another admin deleted it meanwhile
            raise NotFound(messages.PANEL_NOT_FOUND.format(name=panel.name))
        return updated

    async def delete_panel(self, actor: discord.Member, guild: discord.Guild, panel: Panel) -> None:
        self.access.require_admin(actor)
        now = self.clock.now()

        def delete(tx: Connection) -> None:
            panel_repo.delete(tx, panel.id)
            record(
                tx,
                guild_id=guild.id,
                action="panel.delete",
                now=now,
                actor_id=actor.id,
                detail={"panel_id": panel.id, "name": panel.name},
            )

        await self.db.write(delete)
        message = await self.posted_message(guild, panel)
        if message is not None:
            try:
                await message.delete()
            except discord.HTTPException as exc:
                log.warning("could not delete panel message %s: %s", message.id, exc)

    async def _groups(self, panel: Panel) -> dict[int, TicketGroup]:
        groups: dict[int, TicketGroup] = {}
        for entry in panel.entries:
            group = self.cache.live_group(entry.group_id)
            if group is not None:
                groups[group.id] = group
        return groups

    async def posted_message(self, guild: discord.Guild, panel: Panel) -> discord.Message | None:
        if panel.channel_id is None or panel.message_id is None:
            return None
        channel = guild.get_channel(panel.channel_id)
        if not isinstance(channel, discord.TextChannel):
            return None
        try:
            return await channel.fetch_message(panel.message_id)
        except discord.NotFound:
            return None

    async def post_panel(
        self,
        actor: discord.Member,
        guild: discord.Guild,
        panel: Panel,
        channel: discord.abc.GuildChannel | None,
    ) -> Posted:
        """Post the panel, or refresh its message in place; recreate it if the message was deleted."""
        self.access.require_admin(actor)
        if not panel.entries:
            raise Conflict(messages.PANEL_EMPTY.format(name=panel.name))
        target = channel or (guild.get_channel(panel.channel_id) if panel.channel_id else None)
        if not isinstance(target, discord.TextChannel):
            raise InvalidInput(
                messages.NOT_A_TEXT_CHANNEL.format(name=getattr(target, "name", "that channel"))
            )
        shown = await self._render(guild, panel)
        existing = await self.posted_message(guild, panel)
        refreshed = False
        if existing is not None and existing.channel.id == target.id:
            message = await existing.edit(content=shown.content, embeds=shown.embeds, view=shown.view)
            refreshed = True
        else:
            message = await target.send(
                shown.content,
                embeds=shown.embeds,
                view=shown.view,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            if existing is not None:
                try:
                    await existing.delete()
                except discord.HTTPException as exc:
                    log.warning("could not delete the old panel message %s: %s", existing.id, exc)
        now = self.clock.now()

        def posted(tx: Connection) -> None:
            panel_repo.set_message(tx, panel.id, target.id, message.id, now)
            record(
                tx,
                guild_id=guild.id,
                action="panel.post",
                now=now,
                actor_id=actor.id,
                detail={"panel_id": panel.id, "channel_id": target.id, "refreshed": refreshed},
            )

        await self.db.write(posted)
        updated = self.get(panel.id)
        if updated is None:
            raise NotFound(messages.PANEL_NOT_FOUND.format(name=panel.name))
        return Posted(updated, message, refreshed)

    async def refresh(self, guild: discord.Guild, panel_id: int) -> None:
        """After an edit: update the posted message, if there is one and it still exists."""
        panel = self.get(panel_id)
        if panel is None:
            return
        message = await self.posted_message(guild, panel)
        if message is None:
            return
        shown = await self._render(guild, panel)
        await message.edit(content=shown.content, embeds=shown.embeds, view=shown.view)

    async def _render(self, guild: discord.Guild, panel: Panel) -> PanelMessage:
        """The panel's message with its saved message (if any) filled in for the server."""
        saved = None
        if panel.custom_message_id is not None:
            found = self.custom_messages.get(panel.custom_message_id)
            if found is not None:
                saved = fill_message(found.content, found.embeds, {"server": guild.name})
        groups = await self._groups(panel) if panel.entries else {}
        with i18n.speaking(self.cache.language(guild)):  # panels speak the server's language
            return panel_message(panel, groups, saved)

    async def on_group_deleted(self, event: GroupDeleted) -> None:
        """Panels that lost entries with a deleted group show the entries they have left."""
        for panel_id in event.panel_ids:
            await self.refresh(event.guild, panel_id)
