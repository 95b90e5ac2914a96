"""Every interaction is acknowledged before the bot touches its database.

Discord gives an interaction three seconds; a database read before the acknowledgement puts the answer
behind every write queued on the server. The watch below sees every statement the bot's database runs
and fails the test when one runs while the interaction being handled has no answer yet. Autocomplete
is the exception Discord makes itself: its answer is the choices (ours come from memory anyway).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.desk import TicketDeskSim, make_sim, setup_desk, ticket_channel_id
from tests.support.files import files_of
from tests.support.results import InteractionResult
from tests.support.sim import finish


def describe(sim: TicketDeskSim) -> str:
    record = sim.last_interaction
    assert record is not None
    data = record.data
    return str(data.get("name") or data.get("custom_id") or record.type)


def watch(sim: TicketDeskSim) -> list[str]:
    """Statements run while the latest interaction was still unanswered."""
    early: list[str] = []

    def seen(sql: str) -> None:
        record = sim.last_interaction
        if record is not None and record.acked_type is None and record.type != 4:
            early.append(f"{describe(sim)} ({record.data.get('options') or ''}): {sql[:150]}")

    sim.on_statement = seen
    return early


async def test_every_interaction_is_answered_before_the_database_is_used(tmp_path: Path) -> None:
    sim = await make_sim(tmp_path)
    try:
        desk = await setup_desk(sim)
        staff, owner, other = desk.staff, sim.member("olive"), sim.member("oscar")
        general = sim.general
        await sim.slash(sim.owner, "group edit", channel=general, group="Support", rating_levels="Bad | Good")
        await sim.slash(sim.owner, "group create", channel=general, name="Billing")
        await sim.slash(
            sim.owner, "group form", channel=general, group="Billing", action="add", label="Order number"
        )
        early = watch(sim)

        # members open tickets: a button panel, a form group, the command, the context menus
        opened = await sim.click(owner, desk.panel, "Open a ticket")
        channel = ticket_channel_id(opened)
        form = await sim.slash(other, "ticket open", channel=general, group="Billing")
        await sim.submit(other, form, {"Order number": "A-1"})
        await sim.user_command(staff, "Open ticket for user", other, channel=general)
        said = await sim.say(owner, channel, "my printer is on fire")
        await sim.message_command(staff, "Open ticket from message", said)

        # staff work the ticket with commands
        for command, options in [
            ("claim", {}),
            ("unassign", {}),
            ("assign", {"member": staff.id}),
            ("add", {"member": other.id}),
            ("remove", {"member": other.id}),
            ("rename", {"name": "printer"}),
            ("lock", {}),
            ("unlock", {}),
            ("expire", {"when": "3d"}),
            ("eternal", {"enabled": True}),
            ("info", {}),
            ("close", {"reason": "done"}),
            ("reopen", {}),
        ]:
            await sim.slash(staff, f"ticket {command}", channel=channel, **options)
        await sim.slash(staff, "ticket list", channel=general)
        await sim.slash(staff, "notes create", channel=channel)
        await sim.slash(staff, "transcript get", channel=channel)
        await sim.slash(staff, "transcript save", channel=general, ticket=1)
        await sim.slash(staff, "tickets stats", channel=general)
        await sim.slash(sim.owner, "tickets status", channel=general)
        await sim.slash(sim.owner, "group list", channel=general)
        await sim.slash(sim.owner, "panel list", channel=general)

        # tags: admins make them (with content, or with the form), staff send them, also from a message
        content = "Content ({user} {ticket} {group} {server})"
        await sim.slash(sim.owner, "tag create", channel=general, name="Hi", content="Hi {user}")
        tag_form = await sim.slash(sim.owner, "tag create", channel=general, name="Steps")
        await sim.submit(sim.owner, tag_form, {content: "Try this"})
        tag_form = await sim.slash(sim.owner, "tag edit", channel=general, name="Steps")
        await sim.submit(sim.owner, tag_form, {content: "Try that"})
        await sim.slash(sim.owner, "tag edit", channel=general, name="Steps", content="Try it")
        await sim.slash(staff, "tag list", channel=general)
        await sim.slash(staff, "tag show", channel=general, name="Hi")
        await sim.slash(staff, "tag send", channel=channel, name="Hi", member=owner.id)
        await sim.slash(owner, "tag send", channel=channel, name="Hi")
        menu = await sim.message_command(staff, "Reply with a tag", said)
        await sim.choose(staff, menu.last, [menu.last.selects()[0]["options"][0]["value"]])
        # and a group's keyword auto-replies
        await sim.slash(
            sim.owner,
            "tag auto add",
            channel=general,
            group="Support",
            tag="Hi",
            words="fire",
            every_message=True,
        )
        await sim.slash(sim.owner, "tag auto list", channel=general, group="Support")
        await sim.say(owner, channel, "still on fire")
        await sim.slash(sim.owner, "tag auto remove", channel=general, group="Support", rule=1)
        await sim.slash(sim.owner, "tag delete", channel=general, name="Steps")

        # the staff workflow: staff settings, the blacklist, a close request answered with its buttons
        await sim.slash(sim.owner, "group staff", channel=general, group="Support", claim_mode="exclusive")
        await sim.slash(sim.owner, "tickets blacklist add", channel=general, member=other.id, reason="spam")
        await sim.slash(sim.owner, "tickets blacklist list", channel=general)
        await sim.slash(sim.owner, "tickets blacklist remove", channel=general, member=other.id)
        await sim.slash(staff, "ticket close-request", channel=channel, reason="done?")
        [asked] = [m for m in sim.messages(channel) if "can be closed" in m.text]
        await sim.click(owner, asked, "Keep it open")

        # and with the ticket's buttons
        opening = sim.messages(channel)[0]
        await sim.click(staff, opening, "Claim")
        close_form = await sim.click(staff, opening, "Close")
        asked = await sim.submit(staff, close_form, {})
        await sim.click(staff, asked.last, "Yes, close")
        closed_line = sim.messages(channel)[-1]
        await sim.click(owner, closed_line, "Transcript")
        await sim.click(staff, closed_line, "Reopen")

        # the owner rates a closed ticket and comments
        await sim.slash(staff, "ticket close", channel=channel)
        ask = [m for m in sim.dms(owner) if m.selects()][-1]
        rated: InteractionResult = await sim.choose(owner, ask, ["1"])
        comment = await sim.click(owner, rated.last, "Add a comment")
        await sim.submit(owner, comment, {"Anything to add? (optional)": "thanks"})

        # a member's own data
        shown = await sim.slash(owner, "privacy", channel=general)
        await sim.click(owner, shown.last, "Export")

        # deleting from the closed ticket's buttons
        deleting = await sim.click(staff, sim.messages(channel)[-1], "Delete")
        await sim.click(staff, deleting.last, "Yes, delete")

        # the configuration exported, and imported back with a change after a preview
        exported = await sim.slash(sim.owner, "tickets export", channel=general)
        [config] = files_of(sim, exported).values()
        changed = json.loads(config)
        changed["groups"][0]["user_limit"] = 3
        preview = await sim.slash(
            sim.owner, "tickets import", channel=general, file=("setup.json", json.dumps(changed).encode())
        )
        imported = await sim.click(sim.owner, preview.last, "Import")
        assert "Imported" in (imported.updated_message or imported.last).content
        await sim.slash(sim.owner, "tickets import", channel=general, file=("bad.json", b"{"))
    finally:
        await finish(sim)
    assert not early, "\n".join(early)
