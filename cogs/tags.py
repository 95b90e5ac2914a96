"""``/tag ...``: canned replies (admins manage them, staff send them in tickets), the "Reply with a tag"
message menu, ``/tag auto ...`` (a group's keyword auto-replies) and the hook that answers members'
messages with them."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.autoreply import RULES_MAX
from bot.domain.message_limits import MessageDraft
from bot.domain.models import Ticket
from bot.flows.context import member_of
from bot.render.replies import ANSWERS_ITSELF, acknowledge, reply
from bot.render.tags import describe_rule, rules_embed, tag_preview, tags_embed
from cogs.base import DeskCog

TagName = app_commands.Range[str, 1, 50]
Content = app_commands.Range[str, 1, 2000]


class Tags(DeskCog):
    tag = app_commands.Group(
        name="tag", description="Canned replies: admins manage them, staff send them", guild_only=True
    )
    auto = app_commands.Group(name="auto", description="Keyword auto-replies of a group (admins)", parent=tag)

    def __init__(self, bot: TicketDeskBot) -> None:
        super().__init__(bot)
        self.reply_menu = app_commands.ContextMenu(name="Reply with a tag", callback=self.reply_with_tag_menu)
        self.reply_menu.guild_only = True
        bot.tree.add_command(self.reply_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.reply_menu.name, type=self.reply_menu.type)

    # -- managing tags (admins) ---------------------------------------------------------------------

    @tag.command(
        name="create", description="Make a tag (without content: a form, with embeds)", extras=ANSWERS_ITSELF
    )
    @app_commands.describe(content="The text, with {user} {ticket} {staff} ...; leave it out for the form")
    async def create(
        self, interaction: discord.Interaction, name: TagName, content: Content | None = None
    ) -> None:
        _, member = member_of(interaction)
        tags = self.services.tags
        tags.check_may_edit(member)
        if content is None:
            await self.flows.tags.show_form(interaction, name, None)
            return
        await acknowledge(interaction)
        saved = await tags.create(member, name, MessageDraft(content=content))
        await reply(interaction, messages.TAG_SAVED.format(name=saved.name))

    @tag.command(name="edit", description="Change a tag (without content: a form)", extras=ANSWERS_ITSELF)
    @app_commands.autocomplete(name=DeskCog.tag_choices)
    @app_commands.describe(content="The new text (its embeds stay); leave it out for the form")
    async def edit(self, interaction: discord.Interaction, name: str, content: Content | None = None) -> None:
        _, member = member_of(interaction)
        tags = self.services.tags
        found = tags.find_for_admin(member, name)
        if content is None:
            await self.flows.tags.show_form(interaction, found.name, found)
            return
        await acknowledge(interaction)
        saved = await tags.edit(member, found, tags.draft_with_content(found, content))
        await reply(interaction, messages.TAG_SAVED.format(name=saved.name))

    @tag.command(name="delete", description="Delete a tag")
    @app_commands.autocomplete(name=DeskCog.tag_choices)
    async def delete(self, interaction: discord.Interaction, name: str) -> None:
        _, member = member_of(interaction)
        tags = self.services.tags
        found = tags.find_for_admin(member, name)
        rules = await tags.delete(member, found)
        text = messages.DONE.format(what=messages.DONE_TAG_DELETED.format(name=found.name))
        if rules:
            text += messages.TAG_DELETED_RULES.format(count=rules)
        await reply(interaction, text)

    # -- using tags (staff) -------------------------------------------------------------------------

    @tag.command(name="list", description="List the tags")
    async def list(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        await reply(interaction, embed=tags_embed(self.services.tags.list_for(member)))

    @tag.command(name="show", description="See a tag as saved (only you see it)")
    @app_commands.autocomplete(name=DeskCog.tag_choices)
    async def show(self, interaction: discord.Interaction, name: str) -> None:
        _, member = member_of(interaction)
        content, embeds = tag_preview(self.services.tags.find_for_staff(member, name))
        await reply(interaction, content, embeds=embeds)

    @tag.command(name="send", description="Post a tag in this ticket, its variables filled")
    @app_commands.autocomplete(name=DeskCog.tag_choices)
    @app_commands.describe(member="Address it to this member ({user}) and ping them")
    async def send(
        self, interaction: discord.Interaction, name: str, member: discord.Member | None = None
    ) -> None:
        _, actor = member_of(interaction)
        tags = self.services.tags
        found = tags.find_for_staff(actor, name)
        sent = await tags.send(actor, found, interaction.channel_id, member=member)
        await reply(interaction, messages.TAG_SENT.format(name=found.name, link=sent.jump_url))

    async def reply_with_tag_menu(self, interaction: discord.Interaction, message: discord.Message) -> None:
        await self.flows.tags.reply_with_tag(interaction, message)

    # -- auto-replies (admins) ----------------------------------------------------------------------

    @auto.command(name="add", description="Answer members' messages in a group's tickets with a tag")
    @app_commands.autocomplete(group=DeskCog.group_choices, tag=DeskCog.tag_choices)
    @app_commands.describe(
        words="Comma-separated words or phrases (whole words, any case)",
        regex="Or a regular expression (any case; at most 200 characters)",
        every_message="Every message of the owner and added members (default: the owner's first only)",
    )
    async def auto_add(
        self,
        interaction: discord.Interaction,
        group: str,
        tag: str,
        words: app_commands.Range[str, 1, 1000] | None = None,
        regex: app_commands.Range[str, 1, 1000] | None = None,
        every_message: bool = False,
    ) -> None:
        guild, member = member_of(interaction)
        self.services.access.require_admin(member)
        target = await self.services.groups.find(guild.id, group)
        found = self.services.tags.find(guild.id, tag)
        added = await self.services.tags.add_rule(
            member, target, found, words=words, pattern=regex, every_message=every_message
        )
        rule = describe_rule(added.rule, found) if added.rule is not None else ""
        await reply(
            interaction, messages.AUTO_ADDED.format(number=added.number, group=added.group.name, rule=rule)
        )

    @auto.command(name="remove", description="Remove one of a group's auto-reply rules")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    @app_commands.describe(rule="Its number in /tag auto list")
    async def auto_remove(
        self, interaction: discord.Interaction, group: str, rule: app_commands.Range[int, 1, RULES_MAX]
    ) -> None:
        guild, member = member_of(interaction)
        self.services.access.require_admin(member)
        target = await self.services.groups.find(guild.id, group)
        removed = await self.services.tags.remove_rule(member, target, rule)
        shown = (
            describe_rule(removed.rule, self.services.tags.tag_of(removed.rule, guild.id))
            if removed.rule is not None
            else messages.AUTO_UNREADABLE
        )
        await reply(
            interaction,
            messages.AUTO_REMOVED.format(number=removed.number, group=removed.group.name, rule=shown),
        )

    @auto.command(name="list", description="A group's auto-reply rules")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    async def auto_list(self, interaction: discord.Interaction, group: str) -> None:
        guild, member = member_of(interaction)
        self.services.access.require_admin(member)
        target = await self.services.groups.find(guild.id, group)
        await reply(interaction, embed=rules_embed(target.name, self.services.tags.rules_for(member, target)))

    # -- answering members ----------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_ticket_message(self, ticket: Ticket, source: str, message: discord.Message) -> None:
        """Dispatched by the live archive for every message it filed under a ticket."""
        await self.services.tags.on_ticket_message(ticket, source, message)


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Tags(bot))
