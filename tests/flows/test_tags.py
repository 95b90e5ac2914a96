"""Tags: admins make canned replies, staff post them in tickets (by command, or answering a message from
its menu) with the ticket's variables filled; members can do neither. Keyword auto-replies answer a
member's message with a tag, once per cooldown, never a bot's (so never their own)."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

import pytest

from tests.support.desk import Case, TicketDeskSim, open_case, staff_do, ticket_channel_id
from tests.support.results import Msg, Person

NOT_ADMIN = "Only this server's ticket admins"
NOT_STAFF = "Only this server's ticket staff can do that."
CONTENT = "Content ({user} {ticket} {group} {server})"


async def make_tag(sim: TicketDeskSim, name: str, content: str) -> None:
    made = await sim.slash(sim.owner, "tag create", channel=sim.general, name=name, content=content)
    assert made.ephemeral and f"Saved the tag “{name}”" in made.text, made.text


def posted_since(sim: TicketDeskSim, channel: int, before: int) -> list[Msg]:
    return sim.messages(channel)[before:]


def bot_messages(sim: TicketDeskSim, channel: int) -> list[Msg]:
    assert sim.bot is not None and sim.bot.user is not None
    return [m for m in sim.messages(channel) if m.author_id == sim.bot.user.id]


def another_bot_says(sim: TicketDeskSim, channel: int, content: str) -> None:
    """A different bot posts in the ticket (as Discord delivers it; bots are not stopped by the client)."""
    user = sim.fake.add_user("otherbot", bot=True)
    sim.fake.add_member(sim.guild_id, user, [])
    guild = sim.fake.guilds[sim.guild_id]
    sim.fake.store_message(sim.fake.build_message(channel, user, {"content": content}, guild=guild))


# -- tags ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["channel", "thread"])
async def test_staff_send_a_tag_with_its_variables_filled_and_nobody_pinged(
    sim: TicketDeskSim, mode: str
) -> None:
    case = await open_case(sim, mode)
    staff = case.desk.staff
    await make_tag(sim, "Welcome", "Hi {user} ({user_name}), I am {staff}; {ticket} in {group} on {server}.")
    before = len(sim.messages(case.channel))

    sent = await sim.slash(staff, "tag send", channel=case.channel, name="welcome")

    [posted] = posted_since(sim, case.channel, before)
    assert posted.content == (
        f"Hi {case.owner.mention} (olive), I am {staff.mention}; #1 in Support on Test Server."
    )
    assert not posted.pings_anyone
    assert sent.ephemeral and "Sent “Welcome”" in sent.text and str(posted.id) in sent.text


async def test_sending_to_a_member_pings_exactly_that_member(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await make_tag(
        sim,
        "Hello",
        "Hello {user}, {staff} here. Cc <@&{role}> @everyone".replace(
            "{role}", str(case.desk.support_role["id"])
        ),
    )
    await make_tag(sim, "Plain", "Please send us a screenshot.")

    await sim.slash(case.desk.staff, "tag send", channel=case.channel, name="Hello", member=case.owner.id)
    addressed = sim.messages(case.channel)[-1]
    await sim.slash(case.desk.staff, "tag send", channel=case.channel, name="Plain", member=case.owner.id)
    prefixed = sim.messages(case.channel)[-1]

    assert addressed.content.startswith(f"Hello {case.owner.mention}, {case.desk.staff.mention} here")
    assert addressed.pinged_users == {case.owner.id}
    assert not addressed.pinged_roles and not addressed.pinged_everyone
    assert prefixed.content == f"{case.owner.mention} Please send us a screenshot."
    assert prefixed.pinged_users == {case.owner.id}


async def test_a_member_outside_the_ticket_is_not_addressed(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    stranger = sim.member("stranger")
    await make_tag(sim, "Hello", "Hello {user}")
    before = len(sim.messages(case.channel))

    refused = await sim.slash(
        case.desk.staff, "tag send", channel=case.channel, name="Hello", member=stranger.id
    )

    assert refused.ephemeral and "is not in ticket #1" in refused.text and "/ticket add" in refused.text
    assert posted_since(sim, case.channel, before) == []


async def test_a_member_can_neither_create_nor_send_tags(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    member, staff = case.owner, case.desk.staff
    await make_tag(sim, "Welcome", "Hi {user}")
    before = len(sim.messages(case.channel))

    create = await sim.slash(member, "tag create", channel=case.channel, name="Mine", content="x")
    form = await sim.slash(member, "tag create", channel=case.channel, name="Mine")
    edit = await sim.slash(member, "tag edit", channel=case.channel, name="Welcome", content="pwned")
    delete = await sim.slash(member, "tag delete", channel=case.channel, name="Welcome")
    send = await sim.slash(member, "tag send", channel=case.channel, name="Welcome")
    listed = await sim.slash(member, "tag list", channel=case.channel)
    shown = await sim.slash(member, "tag show", channel=case.channel, name="Welcome")
    said = await sim.say(member, case.channel, "hello")
    menu = await sim.message_command(member, "Reply with a tag", said)
    staff_create = await sim.slash(staff, "tag create", channel=case.channel, name="Mine", content="x")
    choices = await sim.autocomplete(member, "tag send", channel=case.channel, focused="name", name="")

    for answer in (create, form, edit, delete, staff_create):
        assert answer.ephemeral and NOT_ADMIN in answer.text, answer.text
    assert form.modal is None
    for answer in (send, listed, shown, menu):
        assert answer.ephemeral and answer.text == NOT_STAFF, answer.text
    assert choices == []
    assert [m.text for m in posted_since(sim, case.channel, before)] == ["hello"]
    assert sim.bot is not None
    [(names, content)] = await sim.bot.db.fetchall("SELECT COUNT(*), MAX(content) FROM tags")
    assert (names, content) == (1, "Hi {user}")


async def test_staff_of_another_group_cannot_send_in_this_groups_ticket(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    billing_role = sim.role("Billing")
    billing_staff = sim.member("bill", roles=[billing_role])
    await sim.slash(
        sim.owner, "group create", channel=sim.general, name="Billing", support_role=billing_role["id"]
    )
    await make_tag(sim, "Welcome", "Hi")
    before = len(sim.messages(case.channel))
    sim.channel(case.channel)["permission_overwrites"].append(
        {"id": str(billing_staff.id), "type": 1, "allow": str(1024 | 2048), "deny": "0"}
    )  # someone let them see the channel by hand

    refused = await sim.slash(billing_staff, "tag send", channel=case.channel, name="Welcome")

    assert refused.ephemeral and refused.text == NOT_STAFF
    assert posted_since(sim, case.channel, before) == []
    assert sim.bot is not None
    [row] = await sim.bot.db.fetchall("SELECT allowed FROM events WHERE action = 'tag.send'")
    assert row["allowed"] == 0  # the refusal is on the record


async def test_tags_are_sent_in_open_tickets_only_not_elsewhere_or_in_notes(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    staff = case.desk.staff
    await make_tag(sim, "Welcome", "Hi")
    notes = await sim.slash(staff, "notes create", channel=case.channel)
    thread = int(re.search(r"<#(\d+)>", notes.text).group(1))  # type: ignore[union-attr]

    outside = await sim.slash(staff, "tag send", channel=sim.general, name="Welcome")
    in_notes = await sim.slash(staff, "tag send", channel=thread, name="Welcome")
    await staff_do(sim, case, "close")
    closed = await sim.slash(staff, "tag send", channel=case.channel, name="Welcome")
    missing = await sim.slash(staff, "tag send", channel=case.channel, name="Nope")

    assert "Tags are sent in tickets" in outside.text
    assert "not sent in its staff notes" in in_notes.text
    assert "Ticket #1 is not open" in closed.text
    assert "There is no tag called “Nope”" in missing.text
    assert not [m for m in sim.messages(thread) if m.text == "Hi"]
    assert not [m for m in sim.messages(case.channel) if m.text == "Hi"]


async def test_autocomplete_lists_matching_tags_for_staff(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    for name in ["Refund policy", "Billing refunds", "Welcome", "REFUSED", "Hours"]:
        await make_tag(sim, name, "text")
    for number in range(30):
        await make_tag(sim, f"faq {number:02}", "text")

    found = await sim.autocomplete(
        case.desk.staff, "tag send", channel=case.channel, focused="name", name="ref"
    )
    everything = await sim.autocomplete(
        case.desk.staff, "tag send", channel=case.channel, focused="name", name=""
    )
    admin = await sim.autocomplete(sim.owner, "tag edit", channel=sim.general, focused="name", name="HOU")

    # names starting with what was typed first, then names containing it; any case
    assert [c["name"] for c in found] == ["Refund policy", "REFUSED", "Billing refunds"]
    assert all(c["value"] == c["name"] for c in found)
    assert len(everything) == 25
    assert [c["name"] for c in admin] == ["Hours"]


async def test_tag_names_and_contents_are_checked(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    made = await sim.slash(sim.owner, "tag create", channel=sim.general, name="Wel\u200bcome", content="Hi")
    assert "Saved the tag “Welcome”" in made.text  # invisible characters are dropped from names

    duplicate = await sim.slash(sim.owner, "tag create", channel=sim.general, name="WELCOME", content="x")
    invisible = await sim.slash(
        sim.owner, "tag create", channel=sim.general, name="\u200b\u200e", content="x"
    )
    unknown = await sim.slash(sim.owner, "tag create", channel=sim.general, name="Bad", content="Hi {usr}")
    form = await sim.slash(sim.owner, "tag create", channel=sim.general, name="Huge")
    too_long = await sim.submit(
        sim.owner, form, {"Or embeds as JSON (advanced)": '[{"title": "' + "x" * 300 + '"}]'}
    )
    listed = await sim.slash(case.desk.staff, "tag list", channel=sim.general)

    assert "A tag called “WELCOME” already exists" in duplicate.text
    assert "A tag name needs 1 to 50 characters" in invisible.text
    assert "unknown variable {usr}" in unknown.text and "{staff}" in unknown.text
    assert "Discord would refuse that message" in too_long.text and "title is 300 characters" in too_long.text
    assert "**Welcome**" in listed.text and "Huge" not in listed.text and "Bad" not in listed.text


async def test_edit_delete_and_show(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    staff = case.desk.staff
    form = await sim.slash(sim.owner, "tag create", channel=sim.general, name="Steps")
    await sim.submit(sim.owner, form, {CONTENT: "Try this, {user}:", "Embed title": "Step 1 of {ticket}"})

    await sim.slash(sim.owner, "tag edit", channel=sim.general, name="steps", content="Now this, {user}:")
    shown = await sim.slash(staff, "tag show", channel=sim.general, name="Steps")
    await sim.slash(staff, "tag send", channel=case.channel, name="Steps")
    posted = sim.messages(case.channel)[-1]
    reopened = await sim.slash(sim.owner, "tag edit", channel=sim.general, name="Steps")
    deleted = await sim.slash(sim.owner, "tag delete", channel=sim.general, name="Steps")
    gone = await sim.slash(staff, "tag send", channel=case.channel, name="Steps")

    assert shown.ephemeral and "Now this, {user}:" in shown.text and "Step 1 of {ticket}" in shown.text
    assert (
        posted.content == f"Now this, {case.owner.mention}:" and posted.embeds[0]["title"] == "Step 1 of #1"
    )
    assert reopened.modal is not None and reopened.modal["title"] == "Tag: Steps"
    assert "Done: deleted the tag “Steps”." == deleted.text
    assert "There is no tag called “Steps”" in gone.text
    assert sim.bot is not None
    actions = [
        r["action"] for r in await sim.bot.db.fetchall("SELECT action FROM events WHERE action LIKE 'tag.%'")
    ]
    assert actions == ["tag.create", "tag.edit", "tag.send", "tag.delete"]


async def test_reply_with_a_tag_from_a_messages_menu(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    staff = case.desk.staff
    await make_tag(sim, "Logs", "{user}, please attach your logs.")
    await make_tag(sim, "Hours", "We answer 9 to 5.")
    question = await sim.say(case.owner, case.channel, "it crashed again")

    menu = await sim.message_command(staff, "Reply with a tag", question)
    [select] = menu.last.selects()
    assert menu.ephemeral and "Which tag answers this message?" in menu.text
    assert [o["label"] for o in select["options"]] == ["Hours", "Logs"]
    stolen = await sim.choose(case.owner, menu.last, ["1"])  # someone else's ephemeral menu
    chosen = await sim.choose(
        staff, menu.last, [o["value"] for o in select["options"] if o["label"] == "Logs"]
    )

    assert "belong to someone else" in stolen.text
    reply = sim.messages(case.channel)[-1]
    assert reply.content == f"{case.owner.mention}, please attach your logs." and not reply.pings_anyone
    assert int(reply.data["message_reference"]["message_id"]) == question.id
    assert chosen.updated_message is not None and "Sent “Logs”" in chosen.updated_message.text


async def test_the_menu_rechecks_everything_when_a_tag_is_picked(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    staff = case.desk.staff
    await make_tag(sim, "Logs", "Please attach your logs.")
    question = await sim.say(case.owner, case.channel, "help")
    before = len(sim.messages(case.channel))

    menu = await sim.message_command(staff, "Reply with a tag", question)
    select = sim.fake.interactions[menu.record.token].ephemeral_messages[menu.last.id]["components"][0]
    select["components"][0]["options"][0]["value"] = "99999999999999999999"  # a modified client
    forged = await sim.choose(staff, menu.last, ["99999999999999999999"])
    menu = await sim.message_command(staff, "Reply with a tag", question)
    sim.channel(case.channel)["permission_overwrites"].append(
        {"id": str(staff.id), "type": 1, "allow": str(1024 | 2048), "deny": "0"}
    )  # they still see the channel, but are no longer staff
    sim.take_role(staff, case.desk.support_role)
    demoted = await sim.choose(staff, menu.last, [menu.last.selects()[0]["options"][0]["value"]])

    assert forged.updated_message is not None and "There is no tag called" in forged.updated_message.text
    assert demoted.updated_message is not None and demoted.updated_message.text == NOT_STAFF
    assert posted_since(sim, case.channel, before) == []


async def test_the_menu_shows_the_first_25_tags_and_says_so(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    for number in range(30):
        await make_tag(sim, f"faq {number:02}", "text")
    question = await sim.say(case.owner, case.channel, "help")
    elsewhere = await sim.say(case.owner, sim.general, "help")

    menu = await sim.message_command(case.desk.staff, "Reply with a tag", question)
    outside = await sim.message_command(case.desk.staff, "Reply with a tag", elsewhere)

    [select] = menu.last.selects()
    assert len(select["options"]) == 25 and select["options"][0]["label"] == "faq 00"
    assert "first 25 of 30" in menu.text and "/tag send" in menu.text
    assert "Tags are sent in tickets" in outside.text and not outside.last.selects()


# -- keyword auto-replies ----------------------------------------------------------------------------------


async def add_rule(sim: TicketDeskSim, **options: object) -> str:
    added = await sim.slash(sim.owner, "tag auto add", channel=sim.general, group="Support", **options)
    assert added.ephemeral
    return added.text


async def second_ticket(sim: TicketDeskSim, case: Case, name: str) -> tuple[Person, int]:
    owner = sim.member(name)
    opened = await sim.click(owner, case.desk.panel, "Open a ticket")
    return owner, ticket_channel_id(opened)


@pytest.mark.parametrize("mode", ["channel", "thread"])
async def test_auto_reply_answers_only_the_owners_first_message_by_default(
    sim: TicketDeskSim, mode: str
) -> None:
    case = await open_case(sim, mode)
    await make_tag(sim, "Refunds", "Hi {user}, refunds take 5 days ({staff} will confirm).")
    text = await add_rule(sim, tag="Refunds", words="refund, money back")
    assert "Added auto-reply rule 1 to Support" in text and "owner's first message" in text

    await sim.say(case.owner, case.channel, "hello there")
    await sim.say(case.owner, case.channel, "I want a refund")  # not the first message any more
    second_owner, second = await second_ticket(sim, case, "nora")
    await sim.say(case.desk.staff, second, "refund?")  # staff never trigger
    first = await sim.say(second_owner, second, "Can I get my MONEY  back? Refund!")

    assert len(bot_messages(sim, case.channel)) == 1  # the opening message only
    answer = sim.messages(second)[-1]
    assert answer.content.startswith(f"Hi {second_owner.mention}, refunds take 5 days")
    assert not answer.pings_anyone
    assert int(answer.data["message_reference"]["message_id"]) == first.id


async def test_every_message_rule_with_a_cooldown_for_owners_and_added_members(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    friend = sim.member("fred")
    await staff_do(sim, case, "add", member=friend.id)
    await make_tag(sim, "Hours", "We answer 9 to 5.")
    await add_rule(sim, tag="Hours", regex=r"\bwhen\b.*\?", every_message=True)
    answers = lambda: [m for m in bot_messages(sim, case.channel) if m.content == "We answer 9 to 5."]  # noqa: E731

    await sim.say(case.owner, case.channel, "when will you answer?")
    await sim.say(case.owner, case.channel, "WHEN??")  # within the cooldown
    await sim.say(case.desk.staff, case.channel, "when we can?")
    assert len(answers()) == 1
    await sim.advance(timedelta(minutes=4, seconds=59))
    await sim.say(friend, case.channel, "so when?")
    assert len(answers()) == 1
    await sim.advance(timedelta(seconds=2))
    await sim.say(friend, case.channel, "so when?")
    assert len(answers()) == 2
    assert sim.bot is not None
    events = await sim.bot.db.fetchall("SELECT target_id FROM events WHERE action = 'tag.auto_reply'")
    assert [e["target_id"] for e in events] == [case.owner.id, friend.id]


async def test_auto_replies_never_answer_a_bot_so_never_loop(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    # the reply itself contains the trigger: answering its own message would loop
    await make_tag(sim, "Refunds", "About your refund: refund requests take 5 days.")
    await add_rule(sim, tag="Refunds", words="refund", every_message=True)

    another_bot_says(sim, case.channel, "refund")
    await sim.settle()
    assert bot_messages(sim, case.channel)[-1].content != "About your refund: refund requests take 5 days."
    await sim.say(case.owner, case.channel, "refund")
    for _ in range(3):  # long after every cooldown, its own message still does not trigger it
        await sim.advance(timedelta(minutes=10))
    replies = [m for m in bot_messages(sim, case.channel) if m.content.startswith("About your refund")]
    assert len(replies) == 1


async def test_a_thousand_messages_in_a_row_get_one_auto_reply(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await make_tag(sim, "Patience", "Staff will be with you shortly.")
    await add_rule(sim, tag="Patience", words="hello", every_message=True)

    for _ in range(1000):  # all at once: nothing waits for the previous one to be handled
        await sim.say(case.owner, case.channel, "hello? hello?", settle=False)
    await sim.settle()

    replies = [m for m in bot_messages(sim, case.channel) if m.content == "Staff will be with you shortly."]
    assert len(replies) == 1


async def test_slow_patterns_are_refused_and_a_stored_one_that_times_out_counts_as_no_match(
    sim: TicketDeskSim, caplog: pytest.LogCaptureFixture
) -> None:
    case = await open_case(sim)
    await make_tag(sim, "Nope", "never sent")
    await make_tag(sim, "Yes", "sent")
    for pattern in [r"(a+)+$", r"(\w+\s?)+$", r"(a|aa)+$"]:
        refused = await add_rule(sim, tag="Nope", regex=pattern, every_message=True)
        assert "takes too long" in refused, (pattern, refused)
    assert "not a valid regular expression" in await add_rule(sim, tag="Nope", regex="(unclosed")
    assert "matches an empty message" in await add_rule(sim, tag="Nope", regex="x*")
    assert "at most 200" in await add_rule(sim, tag="Nope", regex="a" * 201)
    assert sim.bot is not None
    group = sim.bot.services.cache.group_named(sim.guild_id, "Support")
    assert group is not None and group.auto_replies == []

    # one slipped in anyway (an older version, an import): it runs out of time and is skipped
    nope = sim.bot.services.cache.tag_named(sim.guild_id, "Nope")
    yes = sim.bot.services.cache.tag_named(sim.guild_id, "Yes")
    assert nope is not None and yes is not None
    rules = [
        {"tag_id": nope.id, "scope": "every", "regex": r"(a+)+$"},
        {"tag_id": yes.id, "scope": "every", "words": ["help"]},
    ]
    await sim.bot.db.write(
        lambda tx: tx.execute(
            "UPDATE ticket_groups SET auto_replies = ? WHERE id = ?", (json.dumps(rules), group.id)
        )
    )
    with caplog.at_level(logging.WARNING, logger="bot.services.tags"):
        await sim.say(case.owner, case.channel, "a" * 1990 + "!")
        await sim.say(case.owner, case.channel, "a" * 1995 + "!")
        assert len(bot_messages(sim, case.channel)) == 1  # the opening message only
        await sim.say(case.owner, case.channel, "a" * 1990 + "! help")

    assert [m.content for m in bot_messages(sim, case.channel)][1:] == ["sent"]
    slow = [r for r in caplog.records if "ran out of time" in r.getMessage()]
    assert len(slow) == 1  # logged once


async def test_a_rule_whose_tag_was_deleted_is_skipped_and_flagged(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await make_tag(sim, "Refunds", "refunds take 5 days")
    await add_rule(sim, tag="Refunds", words="refund", every_message=True)

    deleted = await sim.slash(sim.owner, "tag delete", channel=sim.general, name="Refunds")
    listed = await sim.slash(sim.owner, "tag auto list", channel=sim.general, group="Support")
    await sim.say(case.owner, case.channel, "refund")
    removed = await sim.slash(sim.owner, "tag auto remove", channel=sim.general, group="Support", rule=1)
    empty = await sim.slash(sim.owner, "tag auto list", channel=sim.general, group="Support")

    assert "1 auto-reply rule answered with it" in deleted.text
    assert "its tag was deleted, so this rule is skipped" in listed.text
    assert len(bot_messages(sim, case.channel)) == 1
    assert "Removed auto-reply rule 1 from Support" in removed.text
    assert "No auto-reply rules" in empty.text


async def test_auto_reply_rules_are_the_admins_and_checked(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await make_tag(sim, "Hours", "9 to 5")

    member = await sim.slash(
        case.owner, "tag auto add", channel=sim.general, group="Support", tag="Hours", words="x"
    )
    staff = await sim.slash(case.desk.staff, "tag auto list", channel=sim.general, group="Support")
    both = await add_rule(sim, tag="Hours", words="when", regex="when")
    neither = await add_rule(sim, tag="Hours")
    long_word = await add_rule(sim, tag="Hours", words="x" * 51)
    no_tag = await add_rule(sim, tag="Nope", words="when")
    for number in range(20):
        await add_rule(sim, tag="Hours", words=f"word{number}")
    full = await add_rule(sim, tag="Hours", words="one more")
    no_rule = await sim.slash(sim.owner, "tag auto remove", channel=sim.general, group="Support", rule=20)
    missing = await sim.slash(sim.owner, "tag auto remove", channel=sim.general, group="Support", rule=20)

    assert NOT_ADMIN in member.text and NOT_ADMIN in staff.text
    assert "either words" in both and "either words" in neither
    assert "at most 50 characters" in long_word
    assert "There is no tag called “Nope”" in no_tag
    assert "already has 20 auto-reply rules" in full
    assert "Removed auto-reply rule 20" in no_rule.text
    assert "has no auto-reply rule 20" in missing.text
    assert sim.bot is not None
    group = sim.bot.services.cache.group_named(sim.guild_id, "Support")
    assert group is not None and len(group.auto_replies) == 19
    events = await sim.bot.db.fetchall("SELECT action FROM events WHERE action LIKE 'autoreply.%'")
    assert len(events) == 21
