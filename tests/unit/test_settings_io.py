"""Settings export/import: the file's format, reading it back with the line of every problem, the plan of
an import, and the one transaction that applies it."""

from __future__ import annotations

import copy
import dataclasses
import json
import sqlite3
import string
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.domain import settings_io as io
from bot.domain.forms import FieldKind, FormField
from bot.domain.levels import Level
from bot.domain.models import ClaimMode, GroupMode, OutOfHours, PanelKind, PingOn, TicketGroup
from bot.domain.schedule import ScheduleError, parse_schedule, zone
from bot.errors import Conflict
from bot.services import custom_messages, groups, panels
from storage import groups as group_repo
from storage import load_migrations
from storage import settings_io as repo

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


# -- the format ------------------------------------------------------------------------------------------


def test_the_limits_are_the_commands_limits() -> None:
    assert io.GROUP_NAME_MAX == groups.NAME_MAX
    assert io.OPENING_MESSAGE_MAX == groups.OPENING_MESSAGE_MAX
    assert io.USER_LIMIT_MAX == groups.USER_LIMIT_MAX
    assert io.DAILY_LIMIT_MAX == groups.DAILY_LIMIT_MAX
    assert io.PANEL_NAME_MAX == panels.NAME_MAX
    assert io.PANEL_TITLE_MAX == panels.TITLE_MAX
    assert io.PANEL_DESCRIPTION_MAX == panels.PANEL_DESCRIPTION_MAX
    assert io.ENTRY_LABEL_MAX == panels.LABEL_MAX
    assert io.ENTRY_DESCRIPTION_MAX == panels.DESCRIPTION_MAX
    assert io.ENTRY_LIMIT == panels.ENTRY_LIMIT
    assert io.MESSAGE_NAME_MAX == custom_messages.NAME_MAX


def test_every_field_of_a_group_is_written_one_way() -> None:
    kinds = [
        io.GROUP_CATEGORY_LISTS,
        io.GROUP_CATEGORIES,
        io.GROUP_TEXT_CHANNELS,
        io.GROUP_ROLE_LISTS,
        io.GROUP_OPTIONAL_ROLE_LISTS,
        tuple(io.GROUP_CHOICES),
        tuple(io.GROUP_COUNTS),
        io.GROUP_SECONDS,
        io.GROUP_OPTIONAL_SECONDS,
        io.GROUP_FLAGS,
        io.GROUP_TEXTS,
        io.GROUP_STRUCTURED,
        io.GROUP_NOT_CONFIGURATION,
        io.GROUP_BY_NAME,
    ]
    named = [name for kind in kinds for name in kind]
    fields = [f.name for f in dataclasses.fields(TicketGroup)]
    assert sorted(named) == sorted(fields), (
        "a field of TicketGroup is not exported (or twice): add it to settings_io"
    )


def test_an_empty_configuration_round_trips_and_reads_in_a_fixed_order() -> None:
    text = io.dumps(io.Document(), NOW)
    data = json.loads(text)
    assert list(data) == list(io.TOP_KEYS)
    assert data["ticketdesk"] == io.FORMAT and data["exported_at"] == "2026-03-02T12:00:00.000000+00:00"
    assert text.startswith('{\n  "ticketdesk": 1,') and text.endswith("}\n")
    assert io.read_document(text) == io.Document()


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(io.ImportProblems) as refused:
        io.read_document(text)
    return [f"{p.line} {p.where}: {p.detail}" for p in refused.value.problems]


def base(**sections: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ticketdesk": 1,
        "settings": {},
        "groups": [],
        "saved_messages": [],
        "panels": [],
        "tags": [],
        "blacklist": [],
    }
    data.update(sections)
    return data


def test_what_is_not_json_is_refused_at_its_line() -> None:
    assert problems('{\n  "ticketdesk": 1,\n  "groups": [,]\n}') == [
        "3 the file: not valid JSON: Expecting value (column 14)"
    ]
    assert problems(b'{"a": "\xff"}') == ["1 the file: the file is not UTF-8 text (byte 7)"]
    assert problems('{"ticketdesk": NaN}')[0].endswith("(NaN, Infinity, or thousands of digits)")
    assert problems('{"ticketdesk": ' + "9" * 5000 + "}")[0].endswith("thousands of digits)")
    assert problems("") == ["1 the file: not valid JSON: Expecting value (column 1)"]
    deep = "[\n" * 40 + "]" * 40
    assert problems(deep) == ["17 the file: nested more than 16 levels deep; a TicketDesk export never is"]
    assert "nested more than" in problems("[" * 100_000 + "]" * 100_000)[0]
    assert problems(b" " * (io.MAX_BYTES + 1))[0].endswith("a configuration is far smaller")
    # a byte-order mark is fine
    assert io.read_document("\ufeff" + io.dumps(io.Document(), NOW)) == io.Document()


def test_a_key_twice_is_refused_where_it_is() -> None:
    text = '{\n"ticketdesk": 1,\n"settings": {\n  "language": "fr",\n  "language": "de"\n}}'
    assert problems(text) == ["5 settings: the key “language” appears twice"]


def test_the_language_is_one_we_speak_or_null() -> None:
    empty = io.dumps(io.Document(), NOW)
    assert '"language": null' in empty and io.read_document(empty).settings.language is None
    [problem] = problems(empty.replace('"language": null', '"language": "xx"'))
    assert "settings.language: must be one of en, de" in problem and "null" in problem
    assert (
        io.read_document(empty.replace('"language": null', '"language": "pt_BR"')).settings.language
        == "pt_BR"
    )


def test_not_an_export_and_newer_formats() -> None:
    assert problems('{"groups": []}') == [
        "1 the file: this is not a TicketDesk export: it has no “ticketdesk” format number"
    ]
    assert problems("[1, 2]") == ["1 the file: must be an object ({…})"]
    newer = problems(json.dumps(base(ticketdesk=2, groups="anything", more={}), indent=2))
    assert newer == [
        "2 ticketdesk: this file is format 2, written by a newer TicketDesk; this one reads format 1. Update "
        "the bot, or export the file again from a server running this version"
    ]
    assert problems(json.dumps({"ticketdesk": True})) == [
        "1 ticketdesk: the format number must be a whole number (1)"
    ]
    missing = problems(json.dumps({"ticketdesk": 1, "groups": []}))
    assert (
        "1 the file: “settings” is required" in missing and "1 the file: “blacklist” is required" in missing
    )


def test_every_problem_is_found_and_has_its_line() -> None:
    data = base(
        settings={"enabled": "yes", "admin_role_ids": ["12", "abc"], "default_group": "Nobody", "lang": "de"},
        groups=[
            {
                "name": "Support",
                "mode": "forum",
                "user_limit": 26,
                "cooldown_seconds": -1,
                "name_template": "{nope}",
                "priority_levels": [{"label": "A", "default": True}, {"label": "B", "default": True}],
                "rating_levels": [{"label": "x", "emoji": "smile"}],
                "timezone": "Mars/Olympus",
                "form_fields": [{"key": "f1", "label": "Q", "kind": "select", "options": []}],
                "opening_message": "Hi {nobody}",
                "auto_replies": [{"tag": "none", "words": ["a"], "regex": "b"}],
            },
            {"name": "support", "mode": "thread"},
        ],
        panels=[
            {"name": "P", "kind": "button", "entries": [{"group": "Support"}, {"group": "Support"}]},
            {"name": "Q", "entries": [{"group": "Support", "emoji": "not an emoji"}], "message": "nope"},
        ],
        saved_messages=[{"name": "", "content": "x"}, {"name": "big", "embeds": [{"title": "t" * 300}]}],
        tags=[{"name": "t", "embeds": [{"footer": "not an object"}]}],
        blacklist=[
            {"kind": "member", "id": "1"},
            {"kind": "member", "id": 1},
            {"kind": "bot", "id": "x", "expires_at": "tomorrow"},
        ],
    )
    text = json.dumps(data, indent=2)
    lines = text.splitlines()

    def at(fragment: str, after: int = 0) -> int:
        return next(i for i, line in enumerate(lines, start=1) if i > after and fragment in line)

    found = problems(text)
    assert [p.split(":")[0].split(" ", 1)[1] for p in found] == [
        "settings.enabled",
        "settings.admin_role_ids[1]",
        "settings.default_group",
        "settings.lang",
        "groups[0].mode",
        "groups[0].user_limit",
        "groups[0].cooldown_seconds",
        "groups[0].priority_levels",
        "groups[0].rating_levels[0].emoji",
        "groups[0].timezone",
        "groups[0].form_fields[0]",
        "groups[0].opening_message",
        "groups[0].auto_replies[0]",
        "groups[1].parent_channel_id",
        "groups[1].name",
        "saved_messages[0].name",
        "saved_messages[1]",
        "panels[0].entries",
        "panels[1].entries[0].emoji",
        "tags[0].embeds",
        "blacklist[1].id",
        "blacklist[2].kind",
        "blacklist[2].id",
        "blacklist[2].expires_at",
    ]
    assert f"{at('enabled')} settings.enabled: must be true or false" in found
    assert f"{at('user_limit')} groups[0].user_limit: must be a whole number from 0 to 25" in found
    assert f"{at('Nobody')} settings.default_group: there is no group “Nobody” in this file" in found
    assert (
        f"{at('priority_levels')} groups[0].priority_levels: only one level can be the default (marked with *)"
        in found
    )
    assert (
        f"{at('smile')} groups[0].rating_levels[0].emoji: is not an emoji; use a Unicode emoji or a custom one like <:name:id>"
        in found
    )
    twice, first = at('"support"'), at("Support")
    assert (
        f"{twice} groups[1].name: the name “support” is used twice (names are compared ignoring case); the other is on line {first}"
        in found
    )
    same = at('"id": 1')
    assert f"{same} blacklist[1].id: listed twice; the other is on line {at('member') - 1}" in found
    assert (
        f"{at('tomorrow')} blacklist[2].expires_at: must be an ISO 8601 time with its offset, like 2030-01-31T12:00:00+00:00, or null"
        in found
    )


def test_references_are_checked_and_spelled_as_their_target() -> None:
    data = base(
        settings={"default_group": "SUPPORT"},
        groups=[{"name": "Support", "opening_saved_message": "HELLO"}],
        saved_messages=[{"name": "hello", "content": "hi"}],
        panels=[{"name": "P", "message": "Hello", "entries": [{"group": "support"}]}],
    )
    document = io.read_document(json.dumps(data))
    assert document.settings.default_group == "Support"
    assert document.groups[0].opening_saved_message == "hello"
    assert document.panels[0].message == "hello"
    assert document.panels[0].entries[0].group == "Support"
    assert document.panels[0].entries[0].label == "Open a ticket"  # as /panel add-entry labels it

    data["panels"][0]["entries"][0]["group"] = "Billing"
    data["groups"].append({"name": "Ärger"})
    data["groups"].append({"name": "ärger"})  # NOCASE folds ASCII letters only, as the database does
    assert problems(json.dumps(data)) == [
        "1 panels[0].entries[0].group: there is no group “Billing” in this file"
    ]


def test_a_thread_group_and_a_six_field_form() -> None:
    fields = [{"key": f"f{i}", "label": f"Question {i}"} for i in range(6)]
    assert problems(json.dumps(base(groups=[{"name": "G", "form_fields": fields}]))) == [
        "1 groups[0].form_fields: a form holds at most 5 fields (a Discord modal's limit)"
    ]
    thread = {"name": "T", "mode": "thread", "parent_channel_id": "123456789012345678"}
    [group] = io.read_document(json.dumps(base(groups=[thread]))).groups
    assert group.values["name_template"] == "{user}-{number}"  # as /group create picks it


def test_a_schedule_reads_as_group_edit_reads_it() -> None:
    spec = {"name": "G", "schedule": "mo-fr 09:00-17:00; sa 10:00-14:00", "timezone": "Europe/Berlin"}
    [group] = io.read_document(json.dumps(base(groups=[spec]))).groups
    assert group.values["schedule"] == parse_schedule("mo-fr 09:00-17:00; sa 10:00-14:00 Europe/Berlin")
    assert io.schedule_text(group.values["schedule"]) == "mo-fr 09:00-17:00; sa 10:00-14:00"
    named = {"name": "G", "schedule": "daily 00:00-24:00 Asia/Tokyo"}
    [group] = io.read_document(json.dumps(base(groups=[named]))).groups
    assert group.values["timezone"] == "Asia/Tokyo"  # a timezone the schedule names wins, as in /group edit
    assert io.schedule_text(group.values["schedule"]) == "mo-su 00:00-24:00"


def test_a_timezone_that_is_a_folder_is_refused_not_crashed_on() -> None:
    with pytest.raises(ScheduleError):
        zone("America")
    with pytest.raises(ScheduleError):
        zone("x" * 300)


# -- a random valid configuration round-trips ------------------------------------------------------------

ids = st.integers(min_value=1, max_value=2**63 - 1)
words = st.text(alphabet=string.ascii_letters + string.digits + "éßÄä-", min_size=1, max_size=12)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
plain = st.text(alphabet=string.ascii_letters + " .,!?", min_size=1, max_size=60).map(str.strip).filter(bool)
zones = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])


def unique_names(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(names, max_size=count, unique_by=io.fold)


@st.composite
def form_fields(draw: st.DrawFn) -> list[FormField]:
    count = draw(st.integers(0, 5))
    labels = draw(st.lists(words, min_size=count, max_size=count, unique_by=str.lower))
    found = []
    for index, label in enumerate(labels, start=1):
        kind = draw(st.sampled_from(list(FieldKind)))
        spec = FormField(key=f"f{index}", label=label, kind=kind, required=draw(st.booleans()))
        spec.placeholder = draw(st.none() | plain.map(lambda t: t[:100]))
        spec.description = draw(st.none() | plain.map(lambda t: t[:100]))
        if spec.is_text:
            low = draw(st.none() | st.integers(0, 100))
            spec.min_length = low
            spec.max_length = draw(st.none() | st.integers(max(low or 0, 1), 4000))
        if kind is FieldKind.SELECT:
            spec.options = draw(st.lists(words, min_size=1, max_size=5, unique=True))
        found.append(spec)
    return found


@st.composite
def levels(draw: st.DrawFn) -> list[Level]:
    labels = draw(st.lists(words, max_size=5, unique_by=str.lower))
    default = draw(st.none() | st.integers(0, max(len(labels) - 1, 0)))
    return [
        Level(
            label=label,
            description=draw(st.none() | plain.map(lambda t: t[:100])),
            emoji=draw(st.sampled_from([None, "🟢", "🔴", "<:ok:123456789012345678>"])),
            color=draw(st.none() | st.from_regex(r"\A#[0-9a-f]{6}\Z")),
            default=index == default,
        )
        for index, label in enumerate(labels)
    ]


@st.composite
def schedules(draw: st.DrawFn, timezone: str) -> Any:
    days = draw(
        st.lists(
            st.sampled_from(["mo", "tu", "we", "th", "fr", "sa", "su"]), min_size=1, max_size=7, unique=True
        )
    )
    parts = []
    for day in days:
        start = draw(st.integers(0, 22))
        end = draw(st.integers(start + 1, 24))
        parts.append(f"{day} {start:02d}:00-{end:02d}:00")
    return parse_schedule("; ".join(parts), timezone)


@st.composite
def documents(draw: st.DrawFn) -> io.Document:
    saved_names = sorted(draw(unique_names(4)), key=io.fold)
    tag_names = sorted(draw(unique_names(4)), key=io.fold)
    group_names = sorted(draw(unique_names(5)), key=io.fold)

    def content(name: str) -> io.ContentSpec:
        if draw(st.booleans()):
            return io.ContentSpec(name, draw(plain) + " {user}", [])
        embed = {"title": draw(plain), "color": draw(st.integers(0, 0xFFFFFF))}
        if draw(st.booleans()):
            embed["fields"] = [{"name": draw(plain), "value": draw(plain), "inline": draw(st.booleans())}]
        return io.ContentSpec(name, draw(st.none() | plain), [embed])

    saved = [content(n) for n in saved_names]
    tags = [content(n) for n in tag_names]
    groups_found = []
    for name in group_names:
        mode = draw(st.sampled_from(list(GroupMode)))
        values = io.group_defaults(mode)
        values["category_ids"] = draw(st.lists(ids, max_size=3, unique=True))
        for key in io.GROUP_CATEGORIES + io.GROUP_TEXT_CHANNELS:
            values[key] = draw(st.none() | ids)
        if mode is GroupMode.THREAD:
            values["parent_channel_id"] = draw(ids)
        values["support_role_ids"] = draw(st.lists(ids, max_size=3, unique=True))
        values["ping_role_ids"] = draw(st.none() | st.lists(ids, max_size=3, unique=True))
        values["name_template"] = draw(
            st.sampled_from(["ticket-{number}", "{user}-{number}", "{group} {date}"])
        )
        values["opening_message"] = draw(st.none() | plain.map(lambda t: t + " {user} {ticket}"))
        values["form_title"] = draw(st.none() | words.map(lambda t: t[:45]))
        values["form_fields"] = draw(form_fields())
        values["user_limit"] = draw(st.integers(0, 25))
        values["cooldown_seconds"] = draw(st.integers(0, io.MAX_SECONDS))
        values["daily_limit"] = draw(st.integers(0, 1000))
        values["priority_levels"] = draw(levels())
        values["rating_levels"] = draw(levels())
        timezone = draw(zones)
        values["timezone"] = timezone
        values["schedule"] = draw(st.none() | schedules(timezone))
        values["out_of_hours"] = draw(st.sampled_from(list(OutOfHours)))
        values["ping_on"] = draw(st.sampled_from(list(PingOn)))
        values["claim_mode"] = draw(st.sampled_from(list(ClaimMode)))
        for key in io.GROUP_OPTIONAL_SECONDS:
            values[key] = draw(st.none() | st.integers(1, io.MAX_SECONDS))
        for key in io.GROUP_FLAGS:
            values[key] = draw(st.booleans())
        if values["inactivity_close_seconds"] is None:
            values["inactivity_owner_only"] = False
        opening_saved = None
        if saved_names and values["opening_message"] is None and draw(st.booleans()):
            opening_saved = draw(st.sampled_from(saved_names))
        rules = []
        for _ in range(draw(st.integers(0, 2) if tag_names else st.just(0))):
            rule: dict[str, Any] = {
                "tag": draw(st.sampled_from(tag_names)),
                "scope": draw(st.sampled_from(["first", "every"])),
            }
            if draw(st.booleans()):
                rule["words"] = draw(st.lists(words, min_size=1, max_size=3))
            else:
                rule["regex"] = draw(st.from_regex(r"\A[a-z]{1,10}\Z"))
            rules.append(rule)
        groups_found.append(io.GroupSpec(name, values, opening_saved, rules))
    panels_found = []
    for name in sorted(draw(unique_names(3)), key=io.fold):
        kind = draw(st.sampled_from(list(PanelKind)))
        count = draw(st.integers(0, io.ENTRY_LIMIT[kind] if group_names else 0))
        entries = [
            io.EntrySpec(
                group=draw(st.sampled_from(group_names)),
                label=draw(plain.map(lambda t: t[:80])),
                emoji=draw(st.sampled_from([None, "🎫", "<:ok:123456789012345678>"])),
                description=draw(st.none() | plain.map(lambda t: t[:100])),
            )
            for _ in range(min(count, 4))
        ]
        panels_found.append(
            io.PanelSpec(
                name=name,
                kind=kind,
                title=draw(st.none() | plain),
                description=draw(st.none() | plain),
                message=draw(st.none() | st.sampled_from(saved_names)) if saved_names else None,
                channel_id=draw(st.none() | ids),
                entries=entries,
            )
        )
    blocks = draw(st.lists(st.tuples(st.sampled_from(["member", "role"]), ids), max_size=4, unique=True))
    blacklist = sorted(
        (
            io.BlockSpec(
                kind,
                target,
                reason=draw(st.none() | plain),
                reason_shown=draw(st.booleans()),
                expires_at=draw(
                    st.none() | st.integers(1, 10**12).map(lambda us: NOW + timedelta(microseconds=us))
                ),
            )
            for kind, target in blocks
        ),
        key=lambda b: (b.kind, b.target_id),
    )
    settings_spec = io.SettingsSpec(
        enabled=draw(st.booleans()),
        admin_role_ids=sorted(draw(st.lists(ids, max_size=3, unique=True))),
        staff_role_ids=sorted(draw(st.lists(ids, max_size=3, unique=True))),
        log_channel_id=draw(st.none() | ids),
        default_group=draw(st.none() | st.sampled_from(group_names)) if group_names else None,
        language=draw(st.sampled_from([None, "en", "de", "pt_BR"])),
    )
    return io.Document(settings_spec, groups_found, saved, panels_found, tags, blacklist)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_written_file_reads_back_as_the_same_configuration(document: io.Document) -> None:
    assert io.read_document(io.dumps(document, NOW)) == document


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    """A migrated in-memory database; each example uses a guild of its own."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    for migration in load_migrations():
        db.executescript(migration.sql)
    yield db
    db.close()


def transaction(db: sqlite3.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
    db.execute("BEGIN IMMEDIATE")
    try:
        result = fn(db, *args, **kwargs)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return result


def imported(db: sqlite3.Connection, guild_id: int, document: io.Document, actor: int = 7) -> repo.Applied:
    expected = io.fingerprint(io.document_of(repo.snapshot(db, guild_id)))
    return transaction(
        db, repo.apply_import, guild_id, document, expected, actor_id=actor, now=NOW, summary={}
    )


guild_ids = iter(range(1, 10**9))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=documents(), second=documents())
def test_export_then_import_is_the_identity(
    conn: sqlite3.Connection, first: io.Document, second: io.Document
) -> None:
    """A configuration imported into a server, exported, and imported into another, is the same
    configuration; and importing over an existing one leaves exactly the file's."""
    # a group's mode cannot change: the preview refuses that file, so it never reaches the import
    modes = {io.fold(g.name): g.values["mode"] for g in second.groups}
    assume(all(modes.get(io.fold(g.name), g.values["mode"]) == g.values["mode"] for g in first.groups))
    a, b = next(guild_ids), next(guild_ids)
    imported(conn, a, first)
    exported = io.dumps(io.document_of(repo.snapshot(conn, a), now=NOW), NOW)
    assert io.read_document(exported) == first
    imported(conn, b, second)
    imported(conn, b, io.read_document(exported))
    assert io.document_of(repo.snapshot(conn, b)) == first
    assert io.fingerprint(io.document_of(repo.snapshot(conn, b))) == io.fingerprint(first)


# -- random input is refused, never crashed on -------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)


def mutate(data: Any, path: list[Any], replacement: Any) -> Any:
    """``data`` with the value at (a prefix of) ``path`` replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return replacement
    data = copy.copy(data)
    key = path[0] % len(data) if isinstance(data, list) else sorted(data)[path[0] % len(data)]
    data[key] = mutate(data[key], path[1:], replacement)
    return data


def refused_or_read(text: str | bytes) -> None:
    try:
        io.read_document(text)
    except io.ImportProblems as refused:
        assert refused.problems and all(p.line >= 1 for p in refused.problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_random_bytes_are_refused_with_a_problem(data: str | bytes) -> None:
    refused_or_read(data)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_is_refused_with_a_problem(value: Any) -> None:
    refused_or_read(json.dumps(value))
    refused_or_read(json.dumps(base(groups=[value], panels=[value], blacklist=[value], tags=[value])))
    refused_or_read(json.dumps(base(settings=value, saved_messages=[{"name": "m", "embeds": [value]}])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(st.integers(0, 50), min_size=1, max_size=5), json_values)
def test_a_valid_file_with_one_value_changed_is_read_or_refused(
    document: io.Document, path: list[int], replacement: Any
) -> None:
    data = json.loads(io.dumps(document, NOW))
    refused_or_read(json.dumps(mutate(data, path, replacement), indent=2))


# -- the plan of an import ---------------------------------------------------------------------------------


def group(name: str, **values: Any) -> io.GroupSpec:
    found = io.group_defaults(values.get("mode", GroupMode.CHANNEL))
    found.update(values)
    return io.GroupSpec(name, found)


def test_ids_this_server_has_not_got_are_left_out_and_listed() -> None:
    document = io.Document(
        io.SettingsSpec(admin_role_ids=[1, 2], log_channel_id=10),
        [
            group(
                "G",
                support_role_ids=[1, 3],
                category_ids=[20, 21],
                transcript_channel_id=20,
                closed_category_id=10,
            )
        ],
        blacklist=[
            io.BlockSpec("role", 3),
            io.BlockSpec("member", 99),
            io.BlockSpec("member", 98, expires_at=NOW),
        ],
    )
    target = io.Target(roles=frozenset({1}), categories=frozenset({20}), text_channels=frozenset({10}))
    plan = io.plan_import(document, io.Document(), target, open_tickets={}, posted=set(), now=NOW)

    desired = plan.desired
    assert desired.settings.admin_role_ids == [1] and desired.settings.log_channel_id == 10
    values = desired.groups[0].values
    assert values["support_role_ids"] == [1] and values["category_ids"] == [20]
    assert values["transcript_channel_id"] is None  # a category is not a text channel
    assert values["closed_category_id"] is None  # nor the other way round
    assert [(b.kind, b.target_id) for b in desired.blacklist] == [("member", 99)]
    assert [(b.kind, b.target_id) for b in plan.expired] == [("member", 98)]
    dropped = {(d.kind, d.ident): d.where for d in plan.dropped}
    assert dropped == {
        (io.IdKind.ROLE, 2): ["settings.admin_role_ids"],
        (io.IdKind.ROLE, 3): ["groups[0].support_role_ids", "blacklist[0].id"],
        (io.IdKind.CATEGORY, 21): ["groups[0].category_ids"],
        (io.IdKind.CHANNEL, 20): ["groups[0].transcript_channel_id"],
        (io.IdKind.CATEGORY, 10): ["groups[0].closed_category_id"],
    }
    assert document.groups[0].values["support_role_ids"] == [1, 3]  # the file's document is not changed


def test_a_mode_cannot_change_and_a_thread_group_needs_its_parent() -> None:
    here = io.Document(groups=[group("Support")])
    file = io.Document(
        groups=[
            group("SUPPORT", mode=GroupMode.THREAD, parent_channel_id=5),
            group("T", mode=GroupMode.THREAD, parent_channel_id=6),
        ]
    )
    target = io.Target(roles=frozenset(), categories=frozenset(), text_channels=frozenset({5}))
    plan = io.plan_import(file, here, target, open_tickets={}, posted=set(), now=NOW)
    assert [(p.where, p.detail.split(",")[0]) for p in plan.problems] == [
        ("groups[0].mode", "“Support” is a channel group in this server"),
        ("groups[1].parent_channel_id", "a thread group needs a parent text channel"),
    ]
    assert not plan.ready


def test_the_diff_keeps_groups_with_open_tickets_and_posted_panels_where_they_are() -> None:
    here = io.Document(
        groups=[group("Support"), group("Old"), group("Busy")],
        panels=[io.PanelSpec("Main", channel_id=1, entries=[io.EntrySpec("Support", "Open")])],
        tags=[io.ContentSpec("t", "x")],
    )
    file = io.Document(
        io.SettingsSpec(enabled=False),
        groups=[group("Support", user_limit=3)],
        panels=[io.PanelSpec("Main", channel_id=2, entries=[io.EntrySpec("Support", "Open now")])],
    )
    target = io.Target(roles=frozenset(), categories=frozenset(), text_channels=frozenset({1, 2}))
    plan = io.plan_import(file, here, target, open_tickets={"busy": 2}, posted={"main"}, now=NOW)

    diff = plan.diff
    assert [(c.field, c.old, c.new) for c in diff.settings] == [("enabled", True, False)]
    assert diff.groups.removed == ["Old"] and diff.kept == [("Busy", 2)]
    assert [(c.name, [(f.field, f.old, f.new) for f in c.fields]) for c in diff.groups.changed] == [
        ("Support", [("user_limit", 1, 3)])
    ]
    [panel] = diff.panels.changed
    assert [f.field for f in panel.fields] == ["entries"]  # not the channel: a posted panel stays put
    assert plan.desired.panels[0].channel_id == 1
    assert diff.tags.removed == ["t"]
    assert diff.counts()["groups"] == {"created": 0, "changed": 1, "removed": 1}


# -- the transaction ---------------------------------------------------------------------------------------


def test_an_import_against_a_configuration_that_changed_meanwhile_changes_nothing(
    conn: sqlite3.Connection,
) -> None:
    guild = next(guild_ids)
    imported(conn, guild, io.Document(groups=[group("Support"), group("Billing")]))
    seen = io.fingerprint(io.document_of(repo.snapshot(conn, guild)))
    support = group_repo.get_by_name(conn, guild, "Support")
    assert support is not None
    # another admin edits a group after the preview, before the confirmation
    transaction(conn, group_repo.update, support.id, {"user_limit": 4}, NOW)
    before = io.document_of(repo.snapshot(conn, guild))

    with pytest.raises(Conflict):
        transaction(
            conn,
            repo.apply_import,
            guild,
            io.Document(groups=[group("Other")]),
            seen,
            actor_id=7,
            now=NOW,
            summary={},
        )
    assert io.document_of(repo.snapshot(conn, guild)) == before


def test_groups_are_updated_in_place_and_one_with_open_tickets_is_kept(conn: sqlite3.Connection) -> None:
    guild = next(guild_ids)
    imported(conn, guild, io.Document(groups=[group("Support"), group("Busy"), group("Old")]))
    support, busy = (group_repo.get_by_name(conn, guild, n) for n in ("Support", "Busy"))
    assert support is not None and busy is not None
    conn.execute(
        "INSERT INTO tickets (uuid, guild_id, group_id, number, status, owner_id, created_at, open_slot) "
        "VALUES ('u1', ?, ?, 1, 'open', 5, ?, 0)",
        (guild, busy.id, NOW.isoformat()),
    )

    applied = imported(conn, guild, io.Document(groups=[group("support", user_limit=2)]))

    assert applied.kept == [("Busy", 1)]
    again = group_repo.get_by_name(conn, guild, "SUPPORT")
    assert again is not None and again.id == support.id and again.name == "support" and again.user_limit == 2
    assert group_repo.get_by_name(conn, guild, "Old") is None
    assert group_repo.get_by_name(conn, guild, "Busy") is not None
    events = conn.execute("SELECT action, detail FROM events WHERE guild_id = ?", (guild,)).fetchall()
    assert [e["action"] for e in events] == ["settings.import", "settings.import"]
    assert json.loads(events[-1]["detail"]) == {"kept_groups": ["Busy"]}


def test_an_auto_reply_pattern_is_checked_as_tag_auto_add_checks_it() -> None:
    rules = [{"tag": "Hi", "regex": "(a+)+$"}, {"tag": "Hi", "regex": "refund"}]
    data = base(groups=[{"name": "Support", "auto_replies": rules}], tags=[{"name": "Hi", "content": "hi"}])

    found = problems(json.dumps(data, indent=1))

    assert len(found) == 1 and "groups[0].auto_replies[0].regex" in found[0] and "too long" in found[0]
