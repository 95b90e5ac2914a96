"""The simulated Discord behaves like Discord: each route it adds, checked through discord.py itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import discord
import pytest
from discord import app_commands

from bot.render.replies import ANSWERS_ITSELF as RAW  # these commands answer by themselves
from tests.support.desk import TicketDeskSim
from tests.support.fake_discord import CATEGORY_LIMIT, DiscordError
from tests.support.results import SimRefused


def text_channel(sim: TicketDeskSim, channel_id: int) -> discord.TextChannel:
    assert sim.bot is not None
    channel = sim.bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def add_command(
    sim: TicketDeskSim, name: str, callback: Callable[[discord.Interaction], Awaitable[None]]
) -> None:
    assert sim.bot is not None
    sim.bot.tree.add_command(
        app_commands.Command(name=name, description="test", callback=callback, extras=RAW)
    )
    await sim.bot.sync_commands_if_changed()


# -- messages and history ------------------------------------------------------------------------------


async def test_history_is_newest_first_and_pages_by_100(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)
    for i in range(150):
        await channel.send(f"m{i}")
    await sim.settle()

    newest_first = [m.content async for m in channel.history(limit=None)]
    oldest_first = [m.content async for m in channel.history(limit=None, oldest_first=True)]
    page = [m.content async for m in channel.history(limit=10)]

    assert newest_first == [f"m{i}" for i in reversed(range(150))]
    assert oldest_first == [f"m{i}" for i in range(150)]
    assert page == [f"m{i}" for i in reversed(range(140, 150))]
    assert ("GET", "/channels/{channel_id}/messages") in sim.fake.requests


async def test_a_message_edit_keeps_components_and_reaches_the_bot(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Go", custom_id="go"))
    message = await channel.send("before", view=view)
    await sim.settle()
    edits: list[tuple[str, str]] = []
    assert sim.bot is not None

    async def on_edit(before: discord.Message, after: discord.Message) -> None:
        edits.append((before.content, after.content))

    sim.bot.add_listener(on_edit, "on_message_edit")

    await message.edit(content="after")
    await sim.settle()

    [stored] = sim.messages(sim.general)
    assert stored.content == "after"
    assert stored.button_labels() == ["Go"]
    assert edits == [("before", "after")]


async def test_discord_refuses_a_message_over_its_limits(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)

    with pytest.raises(discord.HTTPException) as too_long:
        await channel.send("x" * 2001)
    with pytest.raises(discord.HTTPException) as too_many_embeds:
        await channel.send(embeds=[discord.Embed(description="x" * 4000) for _ in range(2)])

    assert too_long.value.code == 50035
    assert too_many_embeds.value.code == 50035
    assert sim.messages(sim.general) == []


async def test_user_text_pings_only_when_mentions_are_allowed(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)
    bob = sim.member("bob")

    await channel.send(f"@everyone {bob.mention}", allowed_mentions=discord.AllowedMentions.none())
    await channel.send(f"@everyone {bob.mention}", allowed_mentions=discord.AllowedMentions(users=True))
    await sim.settle()

    quiet, loud = sim.messages(sim.general)
    assert not quiet.pings_anyone
    assert loud.pinged_users == {bob.id} and not loud.pinged_everyone


async def test_a_member_who_closed_dms_cannot_be_messaged(sim: TicketDeskSim) -> None:
    bob = sim.member("bob")
    sim.fake.dm_closed.add(bob.id)
    assert sim.bot is not None
    user = await sim.bot.fetch_user(bob.id) if sim.bot.get_user(bob.id) is None else sim.bot.get_user(bob.id)
    assert user is not None

    with pytest.raises(discord.Forbidden) as refused:
        await user.send("hello")

    assert refused.value.code == 50007


async def test_attachments_are_served_until_their_link_expires(sim: TicketDeskSim) -> None:
    bob = sim.member("bob")
    message = await sim.say(bob, sim.general, "look", files=[("a.txt", b"hello")])
    assert sim.bot is not None
    cached = sim.bot._connection._get_message(message.id)
    assert cached is not None

    assert await cached.attachments[0].read() == b"hello"
    await sim.advance(timedelta(hours=25))
    with pytest.raises(discord.NotFound):
        await cached.attachments[0].read()


# -- interactions -------------------------------------------------------------------------------------


async def test_ephemeral_answers_are_not_stored_in_the_channel(sim: TicketDeskSim) -> None:
    async def both(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("only you", ephemeral=True)
        await interaction.followup.send("everyone")
        await interaction.followup.send("you again", ephemeral=True)

    await add_command(sim, "both", both)
    result = await sim.slash(sim.owner, "both", channel=sim.general)

    assert [m.content for m in result.messages] == ["only you", "everyone", "you again"]
    assert [m.ephemeral for m in result.messages] == [True, False, True]
    assert [m.content for m in sim.messages(sim.general)] == ["everyone"]


async def test_a_second_acknowledgement_is_rejected_like_discord(sim: TicketDeskSim) -> None:
    outcome: list[int] = []

    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        adapter = discord.webhook.async_.async_context.get()
        params = discord.webhook.async_.interaction_response_params(4, {"content": "again"})
        try:
            await adapter.create_interaction_response(
                interaction.id, interaction.token, session=interaction._session, params=params
            )
        except discord.HTTPException as exc:
            outcome.append(exc.code)
        await interaction.followup.send("done", ephemeral=True)

    await add_command(sim, "twice", twice)
    result = await sim.slash(sim.owner, "twice", channel=sim.general)

    assert outcome == [40060]
    assert result.ack_type == 5
    assert result.last.content == "done"


async def test_an_answer_after_three_seconds_is_refused(sim: TicketDeskSim) -> None:
    async def slow(interaction: discord.Interaction) -> None:
        sim.fake.ack_deadline = 0.0  # as if three seconds had passed
        try:
            await interaction.response.send_message("late")
        except discord.NotFound as exc:
            sim.fake.ack_deadline = 3.0
            sim.fake.violations.clear()
            await interaction.channel.send(f"refused {exc.code}")  # type: ignore[union-attr]

    await add_command(sim, "slow", slow)
    result = await sim.slash(sim.owner, "slow", channel=sim.general)

    assert not result.acknowledged
    assert [m.content for m in sim.messages(sim.general)] == ["refused 10062"]


async def test_a_modal_round_trip(sim: TicketDeskSim) -> None:
    class Ask(discord.ui.Modal, title="Tell us"):
        topic = discord.ui.TextInput(label="Topic", max_length=20)

        async def on_submit(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"topic={self.topic.value}", ephemeral=True)

    async def ask(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Ask())

    await add_command(sim, "ask", ask)
    opened = await sim.slash(sim.owner, "ask", channel=sim.general)
    assert opened.modal is not None and opened.modal["title"] == "Tell us"

    with pytest.raises(SimRefused):
        await sim.submit(sim.owner, opened, {"Topic": "x" * 21})
    answered = await sim.submit(sim.owner, opened, {"Topic": "refund"})

    assert answered.text == "topic=refund"


async def test_a_button_click_can_update_its_message(sim: TicketDeskSim) -> None:
    class Counter(discord.ui.View):
        @discord.ui.button(label="+1", custom_id="plus")
        async def plus(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
            await interaction.response.edit_message(content="1")

    async def count(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("0", view=Counter())

    await add_command(sim, "count", count)
    started = await sim.slash(sim.owner, "count", channel=sim.general)
    clicked = await sim.click(sim.owner, started.last, "+1")

    assert clicked.ack_type == 7
    assert clicked.updated_message is not None and clicked.updated_message.content == "1"
    assert [m.content for m in sim.messages(sim.general)] == ["1"]


# -- channels ---------------------------------------------------------------------------------------------


async def test_channel_edits_move_it_and_change_overwrites(sim: TicketDeskSim) -> None:
    assert sim.bot is not None
    category = sim.add_category("Tickets")
    await sim.settle()
    bob = sim.member("bob")
    guild = sim.guild
    hidden = {
        guild.default_role: discord.PermissionOverwrite(view_channel=False),
        guild.me: discord.PermissionOverwrite(view_channel=True, manage_channels=True, manage_roles=True),
    }
    channel = await guild.create_text_channel("Ticket 1", overwrites=hidden)
    await sim.settle()
    assert channel.name == "ticket-1"
    assert not sim.can_see(bob, channel.id)

    member = guild.get_member(bob.id)
    assert member is not None
    await channel.edit(
        category=guild.get_channel(category),
        overwrites={**hidden, member: discord.PermissionOverwrite(view_channel=True, send_messages=True)},
    )
    await sim.settle()

    cached = guild.get_channel(channel.id)
    assert isinstance(cached, discord.TextChannel)
    assert cached.category_id == category
    assert cached.permissions_for(member).send_messages
    assert sim.can_see(bob, channel.id)


async def test_the_bot_cannot_grant_what_it_does_not_have(sim: TicketDeskSim) -> None:
    guild = sim.guild
    with pytest.raises(discord.Forbidden):
        await guild.create_text_channel(
            "x", overwrites={guild.default_role: discord.PermissionOverwrite(administrator=True)}
        )


async def test_a_full_category_refuses_another_channel(sim: TicketDeskSim) -> None:
    category = sim.add_category("Full")
    for i in range(CATEGORY_LIMIT):
        sim.add_channel(f"c{i}", category=category)
    await sim.settle()
    guild = sim.guild
    parent = guild.get_channel(category)
    assert isinstance(parent, discord.CategoryChannel)

    with pytest.raises(discord.HTTPException) as full:
        await guild.create_text_channel("one-too-many", category=parent)

    assert full.value.code == 50035 and "Maximum number of channels in category" in full.value.text


async def test_a_server_error_after_the_channel_was_made_leaves_a_duplicate(sim: TicketDeskSim) -> None:
    """discord.py retries a 5xx POST: the simulated Discord reproduces the duplicate channel."""
    sim.fake.fail_next("POST", "/guilds/{guild_id}/channels", 502, after_apply=True)

    await sim.guild.create_text_channel("dup")
    await sim.settle()

    assert len(sim.channels_named("dup")) == 2


async def test_a_third_rename_within_ten_minutes_is_rate_limited(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)
    await channel.edit(name="one")
    await channel.edit(name="two")
    with pytest.raises(discord.RateLimited):
        await channel.edit(name="three")
    assert sim.violations
    sim.fake.violations.clear()

    await sim.advance(timedelta(minutes=10, seconds=1))
    await channel.edit(name="three")
    await sim.settle()
    assert sim.channel(sim.general)["name"] == "three"


async def test_deleting_a_channel_by_hand_reaches_the_bot(sim: TicketDeskSim) -> None:
    deleted: list[int] = []
    assert sim.bot is not None

    async def on_delete(channel: discord.abc.GuildChannel) -> None:
        deleted.append(channel.id)

    sim.bot.add_listener(on_delete, "on_guild_channel_delete")
    await sim.delete_channel(sim.general)

    assert deleted == [sim.general]
    assert sim.bot.get_channel(sim.general) is None


# -- threads --------------------------------------------------------------------------------------------


async def test_private_threads_their_members_and_visibility(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)
    bob, carol = sim.member("bob"), sim.member("carol")
    thread = await channel.create_thread(
        name="ticket-1", type=discord.ChannelType.private_thread, invitable=False
    )
    await thread.add_user(discord.Object(bob.id))
    await sim.settle()

    assert sim.can_see(bob, thread.id) and not sim.can_see(carol, thread.id)
    assert not sim.channel(thread.id)["thread_metadata"]["invitable"]
    members = {m.id for m in await thread.fetch_members()}
    assert members == {sim.fake.application_id, bob.id}
    fetched = await sim.bot.fetch_channel(thread.id)  # type: ignore[union-attr]
    assert isinstance(fetched, discord.Thread)

    await thread.remove_user(discord.Object(bob.id))
    await sim.settle()
    assert not sim.can_see(bob, thread.id)


async def test_archived_and_locked_threads(sim: TicketDeskSim) -> None:
    channel = text_channel(sim, sim.general)
    bob = sim.member("bob")
    thread = await channel.create_thread(name="t", type=discord.ChannelType.private_thread)
    await thread.add_user(discord.Object(bob.id))
    await thread.edit(archived=True, locked=True)
    await sim.settle()
    assert sim.guild.get_thread(thread.id) is None  # discord.py drops archived threads from its cache

    with pytest.raises(DiscordError) as refused:
        await sim.say(bob, thread.id, "let me in")
    assert refused.value.code == 50083

    await thread.edit(archived=False, locked=False)
    await sim.settle()
    assert sim.guild.get_thread(thread.id) is not None
    message = await sim.say(bob, thread.id, "thanks")
    assert message.content == "thanks"


async def test_webhooks_send_with_a_name_and_create_forum_posts(sim: TicketDeskSim) -> None:
    forum_id = sim.add_channel("help", type=15)
    await sim.settle()
    forum = sim.guild.get_channel(forum_id)
    assert isinstance(forum, discord.ForumChannel)
    text = text_channel(sim, sim.general)

    hook = await text.create_webhook(name="desk")
    sent = await hook.send("hi", username="Support", wait=True)
    forum_hook = await forum.create_webhook(name="desk")
    post = await forum_hook.send("first", thread_name="Question", wait=True)
    await sim.settle()

    assert sent.author.name == "Support" and sent.webhook_id == hook.id
    [thread] = sim.channels_named("Question")
    assert int(thread["id"]) == post.channel.id
    assert [m.content for m in sim.messages(int(thread["id"]))] == ["first"]


async def test_a_select_choice_reaches_its_callback(sim: TicketDeskSim) -> None:
    class Pick(discord.ui.View):
        @discord.ui.select(custom_id="pick", options=[discord.SelectOption(label=x) for x in ("red", "blue")])
        async def pick(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
            await interaction.response.send_message(f"picked {select.values[0]}", ephemeral=True)

    async def choose(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pick one", view=Pick())

    await add_command(sim, "choose", choose)
    shown = await sim.slash(sim.owner, "choose", channel=sim.general)

    with pytest.raises(SimRefused):
        await sim.choose(sim.owner, shown.last, ["green"])
    picked = await sim.choose(sim.owner, shown.last, ["blue"])

    assert picked.text == "picked blue" and picked.ephemeral


async def test_context_menus_carry_their_target(sim: TicketDeskSim) -> None:
    assert sim.bot is not None
    bob = sim.member("bob")

    async def who(interaction: discord.Interaction, member: discord.Member) -> None:
        await interaction.response.send_message(f"user {member.display_name}", ephemeral=True)

    async def quote(interaction: discord.Interaction, message: discord.Message) -> None:
        await interaction.response.send_message(f"quote {message.content}", ephemeral=True)

    sim.bot.tree.add_command(app_commands.ContextMenu(name="Who", callback=who, extras=RAW))
    sim.bot.tree.add_command(app_commands.ContextMenu(name="Quote", callback=quote, extras=RAW))
    await sim.bot.sync_commands_if_changed()
    said = await sim.say(bob, sim.general, "help me")

    assert (await sim.user_command(sim.owner, "Who", bob, channel=sim.general)).text == "user bob"
    assert (await sim.message_command(sim.owner, "Quote", said)).text == "quote help me"


async def test_slash_options_are_checked_like_the_discord_client(sim: TicketDeskSim) -> None:
    async def echo(
        interaction: discord.Interaction, word: app_commands.Range[str, 1, 5], member: discord.Member
    ) -> None:
        await interaction.response.send_message(f"{word} {member.id}", ephemeral=True)

    assert sim.bot is not None
    sim.bot.tree.add_command(app_commands.Command(name="echo", description="test", callback=echo, extras=RAW))
    await sim.bot.sync_commands_if_changed()
    bob = sim.member("bob")

    with pytest.raises(SimRefused):
        await sim.slash(sim.owner, "echo", channel=sim.general, word="toolong", member=bob)
    with pytest.raises(SimRefused):
        await sim.slash(sim.owner, "echo", channel=sim.general, word="hi")
    result = await sim.slash(sim.owner, "echo", channel=sim.general, word="hi", member=bob)

    assert result.text == f"hi {bob.id}"


async def test_an_attachment_option_is_uploaded_resolved_and_downloadable(sim: TicketDeskSim) -> None:
    async def show(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        await interaction.response.send_message(
            f"{file.filename} {file.size} {file.content_type} {file.ephemeral} {data.decode()}",
            ephemeral=True,
        )

    assert sim.bot is not None
    sim.bot.tree.add_command(app_commands.Command(name="show", description="test", callback=show, extras=RAW))
    await sim.bot.sync_commands_if_changed()

    result = await sim.slash(sim.owner, "show", channel=sim.general, file=("a.json", b'{"x": 1}'))
    with pytest.raises(SimRefused):  # the client refuses a file over the server's upload limit
        await sim.slash(
            sim.owner, "show", channel=sim.general, file=("big.json", b"x" * (10 * 1024 * 1024 + 1))
        )
    with pytest.raises(SimRefused):
        await sim.slash(sim.owner, "show", channel=sim.general)

    assert result.text == 'a.json 8 application/json; charset=utf-8 True {"x": 1}'
    assert len(sim.fake.cdn_downloads) == 1 and "/ephemeral-attachments/" in sim.fake.cdn_downloads[0]
