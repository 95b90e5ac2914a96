"""Admins export a server's configuration and import it into another: a preview of what changes, a
confirmation, one transaction; a bad file gets line-level problems and changes nothing."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from bot.domain import settings_io as io
from storage import blacklist as blacklist_repo
from storage import groups as group_repo
from storage import guilds as guild_repo
from storage import settings_io as settings_repo
from storage import tags as tag_repo
from tests.support.desk import TicketDeskSim, setup_desk, ticket_channel_id
from tests.support.files import files_of
from tests.support.results import InteractionResult, Person, SimRefused


@dataclass
class World:
    """A guild's roles and channels, by name."""

    guild_id: int
    admin: Person
    roles: dict[str, int]
    channels: dict[str, int]


def build_world(sim: TicketDeskSim, guild_id: int, admin: Person) -> World:
    roles = {
        name: int(sim.role(name, guild_id=guild_id)["id"]) for name in ("Support", "Billing", "Managers")
    }
    channels = {
        "Tickets": sim.add_category("Tickets", guild_id=guild_id),
        "Closed": sim.add_category("Closed", guild_id=guild_id),
        "transcripts": sim.add_channel("transcripts", guild_id=guild_id),
        "logs": sim.add_channel("logs", guild_id=guild_id),
        "threads": sim.add_channel("threads", guild_id=guild_id),
        "front": sim.add_channel("front", guild_id=guild_id),
    }
    return World(guild_id, admin, roles, channels)


async def second_guild(sim: TicketDeskSim, name: str = "Second Server") -> World:
    owner_user = sim.fake.add_user(f"owner of {name}")
    guild = sim.fake.add_guild(name, owner_user)
    admin = Person(int(owner_user["id"]), "owner-b", guild.id)
    await sim.settle()
    world = build_world(sim, guild.id, admin)
    await sim.settle()
    return world


async def run(sim: TicketDeskSim, world: World, command: str, **options: Any) -> InteractionResult:
    channel = options.pop("where", None) or world.channels["front"]
    result = await sim.slash(world.admin, command, channel=channel, **options)
    assert result.ephemeral, result.text
    return result


async def configure(sim: TicketDeskSim, world: World) -> None:
    """Everything an admin can configure, through the commands (tags, the blacklist and auto-replies,
    which have no commands on this branch, through storage)."""
    r, c = world.roles, world.channels
    saved = await sim.slash(world.admin, "message create", channel=c["front"], name="welcome")
    await sim.submit(
        world.admin,
        saved,
        {"Content ({user} {ticket} {group} {server})": "Hi {user}, this is {ticket}", "Embed title": "Rules"},
    )
    await run(
        sim,
        world,
        "tickets settings",
        admin_roles=f"<@&{r['Managers']}>",
        staff_roles="Support",
        log_channel=c["logs"],
    )
    await run(sim, world, "group create", name="Support", category=c["Tickets"], support_role=r["Support"])
    await run(
        sim,
        world,
        "group edit",
        group="Support",
        closed_category=c["Closed"],
        transcript_channel=c["transcripts"],
        user_limit=2,
        cooldown="5m",
        priority_levels="🟢 Low | Normal* | 🔴 Urgent #ff0000: today",
        rating_levels="1 | 2 | 3 | 4 | 5*",
        schedule="mo-fr 09:00-17:00; sa 10:00-14:00 Europe/Berlin",
        out_of_hours="warn",
        inactivity_close="3d owner",
        owner_can_close=False,
        default=True,
        opening_message="saved:welcome",
    )
    await run(sim, world, "group limits", group="Support", daily_limit=3, closed_retention="14d")
    await run(
        sim, world, "group form", group="Support", action="add", label="Order number", placeholder="A-123"
    )
    await run(
        sim,
        world,
        "group form",
        group="Support",
        action="add",
        label="Topic",
        kind="select",
        options="Refund, Bug",
    )
    await run(sim, world, "group form", group="Support", action="title", title="Tell us more")
    await run(sim, world, "group create", name="Billing", support_role=r["Billing"])
    await run(
        sim,
        world,
        "group edit",
        group="Billing",
        opening_message="Billing for {user}",
        support_roles="Billing, Support",
    )
    await run(sim, world, "group create", name="Threads", mode="thread", parent_channel=c["threads"])
    await run(sim, world, "panel create", name="Main", title="Need help?", description="Click below")
    await run(sim, world, "panel add-entry", panel="Main", group="Support", label="Open a ticket", emoji="🎫")
    await run(sim, world, "panel create", name="Types", kind="type_buttons")
    await run(sim, world, "panel add-entry", panel="Types", group="Support")
    await run(sim, world, "panel add-entry", panel="Types", group="Billing", emoji="💳")
    await run(sim, world, "panel create", name="Menu", kind="dropdown", message="welcome")
    await run(sim, world, "panel add-entry", panel="Menu", group="Threads", description="Quick questions")
    await run(
        sim, world, "panel add-entry", panel="Menu", group="Billing", label="Money", description="Invoices"
    )
    await run(sim, world, "panel post", panel="Main", opts={"channel": c["front"]})
    assert sim.bot is not None
    db, now = sim.bot.db, sim.clock.now()
    tag = await db.write(
        tag_repo.create, world.guild_id, "refund", "Refunds take {number} days", [], world.admin.id, now
    )
    billing = sim.bot.services.cache.group_named(world.guild_id, "Billing")
    assert billing is not None
    rule = {"tag_id": tag.id, "scope": "every", "words": ["refund", "money back"]}
    await db.write(
        group_repo.update, billing.id, {"auto_replies": [rule], "ping_role_ids": [r["Managers"]]}, now
    )
    troll = sim.member("troll", guild_id=world.guild_id)
    for kind, target, expires in (
        ("member", troll.id, None),
        ("role", r["Billing"], now + timedelta(days=30)),
        ("member", 4242, now + timedelta(hours=1)),  # expires before the import
    ):
        await db.write(
            blacklist_repo.put,
            world.guild_id,
            kind,
            target,
            reason="spam",
            reason_shown=kind == "member",
            expires_at=expires,
            added_by=world.admin.id,
            now=now,
        )


def document(sim: TicketDeskSim, guild_id: int) -> io.Document:
    assert sim.bot is not None
    return io.document_of(sim.bot.services.settings_io.snapshot(guild_id), now=sim.clock.now())


async def export(sim: TicketDeskSim, world: World) -> tuple[InteractionResult, str]:
    result = await run(sim, world, "tickets export")
    [(name, data)] = files_of(sim, result).items()
    assert name.endswith(".json")
    return result, data.decode()


async def import_file(
    sim: TicketDeskSim,
    world: World,
    text: str | bytes,
    filename: str = "setup.json",
    who: Person | None = None,
) -> InteractionResult:
    data = text.encode() if isinstance(text, str) else text
    return await sim.slash(
        who or world.admin, "tickets import", channel=world.channels["front"], file=(filename, data)
    )


async def press(sim: TicketDeskSim, who: Person, shown: InteractionResult, label: str = "Import") -> str:
    """``who`` presses a button of the preview; what the message says afterwards."""
    pressed = await sim.click(who, shown.last, label)
    message = pressed.updated_message or pressed.last
    return message.content


def remap(text: str, mapping: dict[int, int]) -> str:
    """What an admin does to bring a file to another server: put that server's ids in place of these."""
    return re.sub(r'"(\d{15,20})"', lambda m: f'"{mapping.get(int(m.group(1)), int(m.group(1)))}"', text)


async def test_export_then_import_into_a_second_guild_reproduces_the_configuration(
    sim: TicketDeskSim,
) -> None:
    a = build_world(sim, sim.guild_id, sim.owner)
    await sim.settle()
    await configure(sim, a)
    b = await second_guild(sim)
    exported_result, text = await export(sim, a)
    assert "groups 3 · saved messages 1 · panels 3 · tags 1 · blacklist entries 3" in exported_result.text
    data = json.loads(text)
    assert list(data) == list(io.TOP_KEYS) and data["ticketdesk"] == io.FORMAT
    assert [g["name"] for g in data["groups"]] == ["Billing", "Support", "Threads"]
    assert data["groups"][1]["opening_saved_message"] == "welcome"
    assert data["groups"][0]["auto_replies"] == [
        {"tag": "refund", "scope": "every", "words": ["refund", "money back"]}
    ]
    assert data["panels"][0]["entries"][0]["group"] == "Support" and "message_id" not in data["panels"][0]
    assert all(isinstance(i, str) for i in data["settings"]["admin_role_ids"])
    assert "created_by" not in text and "added_by" not in text

    # B has all of A's roles and channels but "Managers" and the transcripts channel
    mapping = {a.roles[n]: b.roles[n] for n in ("Support", "Billing")} | {
        a.channels[n]: b.channels[n] for n in ("Tickets", "Closed", "logs", "threads", "front")
    }
    sim.clock.advance(timedelta(hours=2))  # the 1-hour blacklist entry expires
    shown = await import_file(sim, b, remap(text, mapping))

    preview = shown.text
    assert "Import preview" in preview and "Nothing changes until you press Import" in preview
    assert "➕ Support (new)" in preview and "➕ Threads (new)" in preview and "➕ welcome (new)" in preview
    assert f"role {a.roles['Managers']}: settings.admin_role_ids, groups[0].ping_role_ids" in preview
    assert f"text channel {a.channels['transcripts']}: groups[1].transcript_channel_id" in preview
    assert "<@4242>" in preview  # expired since the export: left out
    assert document(sim, b.guild_id) == io.Document()  # nothing yet

    done = await press(sim, b.admin, shown)
    assert "Imported: 10 created" in done, done

    expected = document(sim, a.guild_id)
    expected_text = remap(json.dumps(io.encode(expected)), mapping)
    wanted = io.read_document(expected_text)
    wanted.settings.admin_role_ids = []  # Managers is not in B
    wanted.groups[0].values["ping_role_ids"] = []
    wanted.groups[1].values["transcript_channel_id"] = None
    wanted.blacklist = [e for e in wanted.blacklist if e.target_id != 4242]
    got = document(sim, b.guild_id)
    assert got == wanted
    assert document(sim, a.guild_id) == expected  # the source is untouched
    assert not [m for m in sim.messages(b.channels["front"]) if m.buttons()]  # nothing was posted

    # the imported configuration works: B's panel opens a ticket in the imported group with its form
    posted = await run(sim, b, "panel post", panel="Types", opts={"channel": b.channels["front"]})
    assert "posted" in posted.text
    [panel] = [m for m in sim.messages(b.channels["front"]) if m.buttons()]
    member = sim.member("bea", guild_id=b.guild_id)
    form = await sim.click(member, panel, "Billing")
    assert form.modal is None and "ready" in form.text  # Billing has no form
    again = await export(sim, b)
    assert json.loads(again[1])["groups"][0]["auto_replies"][0]["tag"] == "refund"

    # importing the same file again changes nothing
    same = await import_file(sim, b, json.dumps(io.encode(got)))
    assert "there is nothing to import" in same.text and not same.last.buttons()


async def test_a_malformed_file_gets_line_level_problems_and_changes_nothing(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    before = document(sim, sim.guild_id)

    broken = text.replace('"groups": [', '"groups": [,', 1)
    not_json = await import_file(sim, world, broken)
    line = broken.splitlines().index('  "groups": [,') + 1
    assert "The file was not imported: it has 1 problem. Nothing was changed." in not_json.text
    assert f"line {line}: the file: not valid JSON: Expecting value" in not_json.text
    assert not not_json.last.buttons()

    data = json.loads(text)
    data["groups"][0]["user_limit"] = 99
    data["groups"][0]["schedule"] = "mo-fr 17:00-09:00"
    data["groups"][0]["form_fields"] = [{"key": f"f{i}", "label": f"Q{i}"} for i in range(6)]
    data["panels"][0]["entries"][0]["group"] = "Nowhere"
    data["saved_messages"] = [{"name": "x", "content": "Hi {nobody}"}]
    data["tags"] = [{"name": "Same", "content": "s"}, {"name": "same", "content": "t"}, {"name": "empty"}]
    bad_text = json.dumps(data, indent=2)
    lines = bad_text.splitlines()

    def line_of(fragment: str) -> int:
        return next(i for i, text_line in enumerate(lines, start=1) if fragment in text_line)

    bad = await import_file(sim, world, bad_text)
    shown = bad.text
    assert "it has 7 problems" in shown, shown
    assert f"line {line_of('user_limit')}: groups[0].user_limit: must be a whole number from 0 to 25" in shown
    assert (
        f"line {line_of('17:00-09:00')}: groups[0].schedule: 17:00-09:00: the end must come after the start"
        in shown
    )
    assert f"line {line_of('form_fields')}: groups[0].form_fields: a form holds at most 5 fields" in shown
    assert f"line {line_of('Nowhere')}: panels[0].entries[0].group: there is no group “Nowhere”" in shown
    assert f"line {line_of('nobody')}: saved_messages[0].content" not in shown  # the message as a whole:
    assert f"line {line_of('nobody') - 2}: saved_messages[0]: uses an unknown variable {{nobody}}" in shown
    same_line = line_of('"same"')
    assert f"line {same_line}: tags[1].name: the name “same” is used twice" in shown
    assert (
        f"line {line_of('empty') - 1}: tags[2]: a message needs some content or at least one embed" in shown
    )
    assert not bad.last.buttons()
    assert document(sim, sim.guild_id) == before
    assert desk.panel.id in {m.id for m in sim.messages(sim.general)}


async def test_newer_formats_huge_files_and_not_json_are_refused(sim: TicketDeskSim) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    before = document(sim, sim.guild_id)

    newer = await import_file(sim, world, text.replace('"ticketdesk": 1', '"ticketdesk": 2'))
    assert "line 2: ticketdesk: this file is format 2, written by a newer TicketDesk" in newer.text

    downloads = len(sim.fake.cdn_downloads)
    huge = await import_file(sim, world, b" " * (3 * 1024 * 1024) + text.encode())
    assert "an import takes at most 2048 KiB" in huge.text
    assert len(sim.fake.cdn_downloads) == downloads  # refused by its size, before downloading it

    binary = await import_file(sim, world, b"\x89PNG\r\n\x1a\n\xff\xfe", filename="picture.png")
    assert "the file is not UTF-8 text" in binary.text
    other = await import_file(sim, world, '{"groups": []}')
    assert "this is not a TicketDesk export" in other.text
    deep = await import_file(sim, world, "[" * 100_000 + "]" * 100_000)
    assert "nested more than" in deep.text
    many = json.loads(text)
    many["groups"] = [{"name": f"g{i}"} for i in range(5000)]
    flood = await import_file(sim, world, json.dumps(many))
    assert "groups: at most 500 items (there are 5000)" in flood.text
    assert document(sim, sim.guild_id) == before


async def test_case_insensitive_names_and_references(sim: TicketDeskSim) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    data = json.loads(text)
    data["groups"].append({"name": "SUPPORT"})
    clash = await import_file(sim, world, json.dumps(data, indent=2))
    assert "groups[1].name: the name “SUPPORT” is used twice (names are compared ignoring case)" in clash.text

    data = json.loads(text)
    data["groups"][0]["name"] = "support"  # the same group, renamed in case: updated in place
    data["panels"][0]["entries"][0]["group"] = "SUPPORT"
    data["settings"]["default_group"] = "Support"
    renamed = await import_file(sim, world, json.dumps(data, indent=2))
    assert "✏️ support: name Support → support" in renamed.text, renamed.text
    assert "➕" not in renamed.text and "🗑️" not in renamed.text
    done = await press(sim, sim.owner, renamed)
    assert "Imported: 0 created, 1 changed, 0 deleted." in done
    assert [g.name for g in document(sim, sim.guild_id).groups] == ["support"]


async def test_a_group_left_out_with_open_tickets_is_kept_and_others_are_deleted(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Spare")
    olive = sim.member("olive")
    opened = await sim.click(olive, desk.panel, "Open a ticket")
    channel = ticket_channel_id(opened)
    _, text = await export(sim, world)
    data = json.loads(text)
    data["groups"] = [{"name": "Fresh"}]
    data["panels"][0]["entries"] = [{"group": "Fresh", "label": "Fresh start"}]
    data["settings"]["default_group"] = "Fresh"

    shown = await import_file(sim, world, json.dumps(data, indent=2))
    assert "➕ Fresh (new)" in shown.text and "🗑️ Spare (deleted)" in shown.text
    assert "⚠️ Support is not in the file but has 1 open ticket: it is kept" in shown.text
    done = await press(sim, sim.owner, shown)

    assert "Kept because of open tickets: Support (1 open)" in done
    assert "1 posted panel was refreshed" in done
    names = [g.name for g in document(sim, sim.guild_id).groups]
    assert names == ["Fresh", "Support"]
    panel = sim.refresh(desk.panel)
    assert panel.button_labels() == ["Fresh start"]  # the posted panel shows its new entry
    staff = await sim.slash(desk.staff, "ticket info", channel=channel)  # the ticket still has its group
    assert "Support" in staff.text


async def test_only_admins_export_and_import_and_a_confirm_is_checked_when_pressed(
    sim: TicketDeskSim,
) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    mallory = sim.member("mallory")
    refused_export = await sim.slash(mallory, "tickets export", channel=sim.general)
    refused_import = await import_file(sim, world, text, who=mallory)
    assert "Only this server's ticket" in refused_export.text and not files_of(sim, refused_export)
    assert "Only this server's ticket" in refused_import.text

    managers = sim.role("Managers")
    amy = sim.member("amy", roles=[managers])
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, admin_roles="Managers")
    data = json.loads(text)
    data["groups"][0]["user_limit"] = 3
    before = document(sim, sim.guild_id)
    shown = await import_file(sim, world, json.dumps(data), who=amy)
    assert "user_limit 1 → 3" in shown.text
    assert "you are no longer a ticket admin" in shown.text  # the file's settings have no admin roles
    sim.take_role(amy, managers)
    await sim.settle()
    pressed = await press(sim, amy, shown)
    assert "Only this server's ticket" in pressed
    assert document(sim, sim.guild_id) == before
    with pytest.raises(SimRefused):
        await sim.click(sim.owner, shown.last, "Import")  # the buttons are gone


async def test_an_edit_between_preview_and_confirm_stops_the_import(sim: TicketDeskSim) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    data = json.loads(text)
    data["groups"][0]["user_limit"] = 3
    shown = await import_file(sim, world, json.dumps(data))

    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", cooldown="10m")
    edited = document(sim, sim.guild_id)
    pressed = await press(sim, sim.owner, shown)

    assert "Nothing was imported: this server's configuration, roles or channels changed since" in pressed
    assert document(sim, sim.guild_id) == edited


async def test_an_edit_that_lands_just_before_the_transaction_stops_it_too(
    sim: TicketDeskSim, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The transaction itself checks the configuration is the one previewed: an edit queued on the
    database between the last check in memory and the import's transaction is not overwritten."""
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    data = json.loads(text)
    data["groups"][0]["user_limit"] = 3
    shown = await import_file(sim, world, json.dumps(data))
    assert sim.bot is not None
    db = sim.bot.db
    write = db.write
    support = sim.bot.services.cache.group_named(sim.guild_id, "Support")
    assert support is not None

    async def racing(fn: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is settings_repo.apply_import:  # another admin's edit gets to the writer first
            await write(group_repo.update, support.id, {"cooldown_seconds": 600}, sim.clock.now())
        return await write(fn, *args, **kwargs)

    monkeypatch.setattr(db, "write", racing)
    pressed = await press(sim, sim.owner, shown)

    assert "Nothing was imported" in pressed
    group = sim.bot.services.cache.live_group(support.id)
    assert group is not None and group.cooldown_seconds == 600 and group.user_limit == 1


async def test_the_largest_import_previews_in_a_file_and_applies_at_once(sim: TicketDeskSim) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    data = json.loads(text)
    form = [{"key": f"f{i}", "label": f"Question {i}"} for i in range(5)]
    data["groups"] += [
        {"name": f"Group {i}", "form_fields": form, "user_limit": 3} for i in range(io.MAX_GROUPS - 1)
    ]
    entries = [{"group": f"Group {i}", "label": f"Entry {i}"} for i in range(25)]
    data["panels"] += [{"name": f"Panel {i}", "kind": "dropdown", "entries": entries} for i in range(50)]
    data["tags"] = [{"name": f"tag {i}", "content": "Hello {user}"} for i in range(300)]

    shown = await import_file(sim, world, json.dumps(data, indent=2))
    assert "all of it is in the attached file" in shown.text
    full = files_of(sim, shown)["import-preview.txt"].decode()
    assert "➕ Group 498 (new)" in full and "➕ tag 299 (new)" in full and "➕ Panel 49 (new)" in full
    done = await press(sim, sim.owner, shown)

    assert "Imported: 849 created, 0 changed, 0 deleted." in done, done
    assert len(document(sim, sim.guild_id).groups) == io.MAX_GROUPS


async def test_an_export_too_large_to_import_says_so(sim: TicketDeskSim) -> None:
    assert sim.bot is not None
    now = sim.clock.now()

    def many_groups(conn: Any) -> None:
        guild_repo.ensure(conn, sim.guild_id, now)
        for number in range(io.MAX_GROUPS + 1):
            group_repo.create(conn, sim.guild_id, f"Group {number}", now)

    await sim.bot.db.write(many_groups)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    result, text = await export(sim, world)

    assert "so it cannot be imported as it is" in result.text
    assert len(json.loads(text)["groups"]) == io.MAX_GROUPS + 1


async def test_a_role_deleted_between_preview_and_confirm_stops_the_import(sim: TicketDeskSim) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    helpers = sim.role("Helpers")
    await sim.settle()
    _, text = await export(sim, world)
    data = json.loads(text)
    data["settings"]["staff_role_ids"] = [helpers["id"]]
    shown = await import_file(sim, world, json.dumps(data))
    assert f"staff_role_ids none → <@&{helpers['id']}>" in shown.text

    await sim.delete_role(helpers)
    pressed = await press(sim, sim.owner, shown)

    assert "Nothing was imported" in pressed
    assert document(sim, sim.guild_id).settings.staff_role_ids == []


async def test_a_thread_group_whose_parent_is_not_here_and_a_changed_mode_are_refused(
    sim: TicketDeskSim,
) -> None:
    await setup_desk(sim)
    world = World(sim.guild_id, sim.owner, {}, {"front": sim.general})
    _, text = await export(sim, world)
    data = json.loads(text)
    data["groups"].append({"name": "Threads", "mode": "thread", "parent_channel_id": "123456789012345678"})
    data["groups"][0]["mode"] = "thread"
    data["groups"][0]["parent_channel_id"] = str(sim.general)
    bad_text = json.dumps(data, indent=2)
    lines = bad_text.splitlines()
    mode_line = next(i for i, line in enumerate(lines, start=1) if '"mode": "thread"' in line)
    parent_line = next(i for i, line in enumerate(lines, start=1) if "123456789012345678" in line)

    refused = await import_file(sim, world, bad_text)

    assert "it has 2 problems. Nothing was changed." in refused.text
    assert f"line {mode_line}: groups[0].mode: “Support” is a channel group in this server" in refused.text
    assert (
        f"line {parent_line}: groups[1].parent_channel_id: a thread group needs a parent text channel, and this "
        "server has not got that channel" in refused.text
    )
    assert not refused.last.buttons()
