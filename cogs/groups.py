"""``/group ...``: ticket groups and their forms. Thin: parse, call a service, render."""

from __future__ import annotations

import discord
from discord import app_commands

from bot import messages
from bot.app import TicketDeskBot
from bot.domain.models import GroupMode
from bot.flows.context import member_of
from bot.render.groups import group_embed, groups_embed
from bot.render.replies import acknowledge, reply
from bot.services.groups import GroupEdit
from cogs.base import DeskCog, options


class Groups(DeskCog):
    group = app_commands.Group(
        name="group",
        description="Ticket groups: where tickets open and how they behave",
        guild_only=True,
    )

    @group.command(name="create", description="Create a ticket group")
    @app_commands.describe(
        name="The group's name",
        mode="Private channels (default) or private threads",
        category="The category tickets open in (channel mode)",
        parent_channel="The channel whose private threads are tickets (thread mode)",
        support_role="The role that works these tickets",
        name_template="Ticket names, e.g. ticket-{number}",
    )
    @app_commands.choices(mode=options("channel", "thread"))
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 50],
        mode: str = "channel",
        category: discord.CategoryChannel | None = None,
        parent_channel: discord.TextChannel | None = None,
        support_role: discord.Role | None = None,
        name_template: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        group = await self.services.groups.create_group(
            member,
            guild,
            name,
            mode=GroupMode(mode),
            category=category,
            parent_channel=parent_channel,
            support_role=support_role,
            name_template=name_template,
        )
        await reply(interaction, messages.GROUP_CREATED.format(name=group.name), embed=group_embed(group))

    @group.command(name="edit", description="Change any field of a group")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    @app_commands.describe(
        categories="Categories in overflow order: mentions, ids or names, comma separated (or none)",
        support_roles="Support roles: mentions, ids or names, comma separated (or none)",
        name_template="Variables: {number} {user} {user_id} {group} {date}",
        opening_message="Shown in new tickets; variables: {user} {ticket} {group} {server} {staff}",
        user_limit="Open tickets per member in this group (0 = no limit)",
        cooldown="Time between a member's tickets, e.g. 10m (or none)",
        priority_levels="e.g. 🟢 Low | Normal* | 🔴 Urgent #ff0000: today  (* = default)",
        rating_levels="e.g. 1 | 2 | 3 | 4 | 5*",
        schedule="e.g. mo-fr 09:00-17:00; sa 10:00-14:00 Europe/Berlin (or off)",
        out_of_hours="What happens outside the schedule",
        inactivity_close="Close after no activity for e.g. 3d; add 'owner' to count only the owner (or off)",
        default="Make this the server's default group",
        clear="Fields to unset, comma separated, e.g. log_channel, schedule",
    )
    @app_commands.choices(out_of_hours=options("allow", "warn", "block"))
    async def edit(
        self,
        interaction: discord.Interaction,
        group: str,
        name: app_commands.Range[str, 1, 50] | None = None,
        categories: str | None = None,
        parent_channel: discord.TextChannel | None = None,
        closed_category: discord.CategoryChannel | None = None,
        locked_category: discord.CategoryChannel | None = None,
        assigned_category: discord.CategoryChannel | None = None,
        transcript_channel: discord.TextChannel | None = None,
        form_channel: discord.TextChannel | None = None,
        feedback_channel: discord.TextChannel | None = None,
        log_channel: discord.TextChannel | None = None,
        support_roles: str | None = None,
        name_template: app_commands.Range[str, 1, 100] | None = None,
        opening_message: app_commands.Range[str, 0, 2000] | None = None,
        user_limit: app_commands.Range[int, 0, 25] | None = None,
        cooldown: str | None = None,
        priority_levels: str | None = None,
        rating_levels: str | None = None,
        schedule: str | None = None,
        out_of_hours: str | None = None,
        inactivity_close: str | None = None,
        owner_can_close: bool | None = None,
        close_on_owner_leave: bool | None = None,
        default: bool | None = None,
        clear: str | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        groups = self.services.groups
        target = await groups.find(guild.id, group)
        edit = GroupEdit(
            name=name,
            categories=categories,
            parent_channel=parent_channel,
            closed_category=closed_category,
            locked_category=locked_category,
            assigned_category=assigned_category,
            transcript_channel=transcript_channel,
            form_channel=form_channel,
            feedback_channel=feedback_channel,
            log_channel=log_channel,
            support_roles=support_roles,
            name_template=name_template,
            opening_message=opening_message,
            user_limit=user_limit,
            cooldown=cooldown,
            priority_levels=priority_levels,
            rating_levels=rating_levels,
            schedule=schedule,
            out_of_hours=out_of_hours,
            inactivity_close=inactivity_close,
            owner_can_close=owner_can_close,
            close_on_owner_leave=close_on_owner_leave,
            default=default,
            clear=clear,
        )
        updated = await groups.edit_group(member, guild, target, edit)
        is_default = self.services.guilds.config(guild.id).default_group_id == updated.id
        await reply(
            interaction,
            messages.GROUP_SAVED.format(name=updated.name),
            embed=group_embed(updated, is_default=is_default),
        )

    @group.command(
        name="limits", description="How much one member may open, and how long closed channels stay"
    )
    @app_commands.autocomplete(group=DeskCog.group_choices)
    @app_commands.describe(
        daily_limit="Tickets a member may open in this group per 24 hours (0 = no limit; default 10)",
        closed_retention="Remove closed ticket channels after e.g. 7d, their transcripts kept (or never)",
    )
    async def limits(
        self,
        interaction: discord.Interaction,
        group: str,
        daily_limit: app_commands.Range[int, 0, 1000] | None = None,
        closed_retention: app_commands.Range[str, 1, 40] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        target = await self.services.groups.find(guild.id, group)
        edit = GroupEdit(daily_limit=daily_limit, closed_retention=closed_retention)
        updated = await self.services.groups.edit_group(member, guild, target, edit)
        await reply(interaction, messages.GROUP_SAVED.format(name=updated.name), embed=group_embed(updated))

    @group.command(name="staff", description="Who is told about new tickets, what a claim does, warnings")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    @app_commands.describe(
        ping_roles="Roles pinged for a new ticket (default: the support roles); clear with /group edit clear",
        ping_on="When they are pinged",
        staff_notify_channel="A channel that gets one line with a link for each new ticket",
        claim_mode="What claiming does to other support staff's access",
        inactivity_warn="Warn in the ticket this long before an automatic close, e.g. 12h (or off)",
    )
    @app_commands.choices(
        ping_on=options("open", "first_message", "never"), claim_mode=options("label", "exclusive", "hidden")
    )
    async def staff(
        self,
        interaction: discord.Interaction,
        group: str,
        ping_roles: str | None = None,
        ping_on: str | None = None,
        staff_notify_channel: discord.TextChannel | None = None,
        claim_mode: str | None = None,
        inactivity_warn: app_commands.Range[str, 1, 40] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        target = await self.services.groups.find(guild.id, group)
        edit = GroupEdit(
            ping_roles=ping_roles,
            ping_on=ping_on,
            staff_notify_channel=staff_notify_channel,
            claim_mode=claim_mode,
            inactivity_warn=inactivity_warn,
        )
        updated = await self.services.groups.edit_group(member, guild, target, edit)
        await reply(interaction, messages.GROUP_SAVED.format(name=updated.name), embed=group_embed(updated))

    @group.command(name="show", description="Show every setting of a group")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    async def show(self, interaction: discord.Interaction, group: str) -> None:
        _, member = member_of(interaction)
        target, is_default = await self.services.groups.show_for(member, group)
        await reply(interaction, embed=group_embed(target, is_default=is_default))

    @group.command(name="list", description="List the ticket groups")
    async def list(self, interaction: discord.Interaction) -> None:
        _, member = member_of(interaction)
        groups, config = await self.services.groups.list_for(member)
        await reply(interaction, embed=groups_embed(groups, config.default_group_id))

    @group.command(name="delete", description="Delete a group (it must have no open tickets)")
    @app_commands.autocomplete(group=DeskCog.group_choices)
    async def delete(self, interaction: discord.Interaction, group: str) -> None:
        guild, member = member_of(interaction)
        await acknowledge(interaction)
        target = await self.services.groups.find(guild.id, group)
        panels = await self.services.groups.delete_group(member, guild, target)
        note = messages.GROUP_DELETED_PANELS.format(count=len(panels)) if panels else ""
        await reply(interaction, messages.GROUP_DELETED.format(name=target.name) + note)

    @group.command(
        name="form", description="Edit a group's form: add, edit, remove, move fields, or its title"
    )
    @app_commands.autocomplete(group=DeskCog.group_choices, field=DeskCog.form_field_choices)
    @app_commands.describe(
        action="What to do",
        field="The field to edit, remove or move",
        label="The question (45 characters)",
        kind="Short text, paragraph, a list of options, a member or a role",
        options="For a select: A, B, C",
        position="1 is the first field",
        title="The form's title (45 characters)",
    )
    @app_commands.choices(
        action=options("add", "edit", "remove", "move", "title", "show"),
        kind=options("short", "paragraph", "select", "user", "role"),
    )
    async def form(
        self,
        interaction: discord.Interaction,
        group: str,
        action: str,
        field: str | None = None,
        label: app_commands.Range[str, 1, 45] | None = None,
        kind: str | None = None,
        required: bool | None = None,
        placeholder: app_commands.Range[str, 0, 100] | None = None,
        description: app_commands.Range[str, 0, 100] | None = None,
        min_length: app_commands.Range[int, 0, 4000] | None = None,
        max_length: app_commands.Range[int, 1, 4000] | None = None,
        options: str | None = None,
        position: app_commands.Range[int, 1, 5] | None = None,
        title: app_commands.Range[str, 0, 45] | None = None,
    ) -> None:
        guild, member = member_of(interaction)
        groups = self.services.groups
        if action == "show":
            target, _ = await groups.show_for(member, group)
            await reply(interaction, embed=group_embed(target))
            return
        target = await groups.find(guild.id, group)
        updated = await groups.edit_form(
            member,
            guild,
            target,
            action,
            field_key=field,
            label=label,
            kind=kind,
            required=required,
            placeholder=placeholder,
            description=description,
            min_length=min_length,
            max_length=max_length,
            options=options,
            position=position,
            title=title,
        )
        await reply(
            interaction,
            messages.FORM_NOW_HAS.format(name=updated.name, count=len(updated.form_fields)),
            embed=group_embed(updated),
        )


async def setup(bot: TicketDeskBot) -> None:
    await bot.add_cog(Groups(bot))
