"""A server's configuration as a file: the format, reading one back (every problem with its line), and
what importing one would change.

The file is JSON (``FORMAT`` below), pretty-printed with a fixed key order, so it reads well in a diff
and moves between servers: objects refer to each other by name (a panel entry names its group, a group
its saved opening message, the settings the default group), while role and channel ids stay ids
(written as text: snowflakes are larger than JavaScript's numbers) and are checked against the server
that imports the file. Reading a file applies the rules the commands apply (names, forms, levels,
schedules, templates, Discord's message limits), so an import never makes what a command would refuse.

Pure: the service hands in the configuration (:class:`Snapshot`) and the server's ids (:class:`Target`).
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from json import scanner
from typing import Any, Protocol, TypeVar

from bot import i18n, messages
from bot.domain import autoreply, message_limits, naming
from bot.domain.durations import MAX_DURATION
from bot.domain.forms import FieldKind, FormError, FormField, validate_field, validate_form
from bot.domain.levels import Level, LevelError, validate_levels
from bot.domain.levels import _is_emoji as is_level_emoji
from bot.domain.models import (
    ClaimMode,
    GroupMode,
    GuildConfig,
    OutOfHours,
    Panel,
    PanelKind,
    PingOn,
    TicketGroup,
)
from bot.domain.schedule import DAYS, Schedule, ScheduleError, parse_schedule, zone
from bot.domain.templates import MESSAGE_VARIABLES, unknown_in_message, unknown_variables
from bot.domain.text import MAX_ID, clip, one_line, strip_invisible
from bot.domain.timeutil import to_iso

FORMAT = 1  # the format this TicketDesk writes and the newest it reads
MAX_BYTES = 2 * 1024 * 1024  # a larger file is refused before it is downloaded (exports are ~5 KiB a group)
MAX_DEPTH = 16  # the configuration nests 8 deep at most (an embed's field); deeper is not ours
MAX_PROBLEMS = 50  # problems kept for the answer; the rest are counted

# How many of each a file may hold: far beyond a real server, small enough to check and apply at once.
MAX_GROUPS = 500
MAX_PANELS = 200
MAX_SAVED_MESSAGES = 500
MAX_TAGS = 1000
MAX_BLACKLIST = 5000

# The commands' rules (bot/services: groups, panels, custom_messages; tests/unit/test_settings_io.py
# checks that these are the same numbers).
GROUP_NAME_MAX = 50
PANEL_NAME_MAX = 50
MESSAGE_NAME_MAX = 50
TAG_NAME_MAX = 50
OPENING_MESSAGE_MAX = 2000
USER_LIMIT_MAX = 25
DAILY_LIMIT_MAX = 1000
PANEL_TITLE_MAX = 256
PANEL_DESCRIPTION_MAX = 4000
ENTRY_LABEL_MAX = 80
ENTRY_DESCRIPTION_MAX = 100
EMOJI_MAX = 100
ENTRY_LIMIT = {PanelKind.BUTTON: 1, PanelKind.TYPE_BUTTONS: 25, PanelKind.DROPDOWN: 25}
REASON_MAX = 500
# keyword auto-replies (the rules of bot/domain/autoreply.py, kept by the staff-workflow work)
AUTO_RULES_MAX = 20
AUTO_WORDS_MAX = 20
AUTO_WORD_MAX = 50
AUTO_PATTERN_MAX = 200
AUTO_SCOPES = ("first", "every")
FORM_KEY_MAX = 20

MAX_SECONDS = int(MAX_DURATION.total_seconds())
_CUSTOM_EMOJI = re.compile(r"<?(?:(?P<animated>a)?:)?(?P<name>[A-Za-z0-9\_]+):(?P<id>[0-9]{13,20})>?")
_FORM_KEY = re.compile(r"^[A-Za-z0-9_]+$")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

Where = tuple[str | int, ...]
E = TypeVar("E", bound=StrEnum)


def fold(name: str) -> str:
    """Names are the same when SQLite's NOCASE says so (ASCII letters only), as in the database."""
    return name.translate(_ASCII_LOWER)


def where_text(where: Where) -> str:
    """``("groups", 1, "user_limit")`` -> ``groups[1].user_limit``."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or messages.IO_TOP_LEVEL


# -- the configuration, as the file holds it ------------------------------------------------------------


@dataclass(slots=True)
class SettingsSpec:
    enabled: bool = True
    admin_role_ids: list[int] = field(default_factory=list)
    staff_role_ids: list[int] = field(default_factory=list)
    log_channel_id: int | None = None
    default_group: str | None = None
    language: str | None = None  # None: the server's Discord language


@dataclass(slots=True)
class GroupSpec:
    """A group: ``values`` holds every field of :class:`TicketGroup` that is configuration, by its name,
    except the two that refer to other objects: the saved opening message (by name) and the auto-replies
    (each naming its tag)."""

    name: str
    values: dict[str, Any]
    opening_saved_message: str | None = None
    auto_replies: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class EntrySpec:
    group: str
    label: str
    emoji: str | None = None
    description: str | None = None


@dataclass(slots=True)
class PanelSpec:
    name: str
    kind: PanelKind = PanelKind.BUTTON
    title: str | None = None
    description: str | None = None
    message: str | None = None  # a saved message, by name
    channel_id: int | None = None  # where /panel post posts it (never posted by an import)
    entries: list[EntrySpec] = field(default_factory=list)


@dataclass(slots=True)
class ContentSpec:
    """A saved message or a tag: content and embeds with {variables}."""

    name: str
    content: str | None = None
    embeds: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class BlockSpec:
    kind: str  # "member" or "role"
    target_id: int
    reason: str | None = None
    reason_shown: bool = False
    expires_at: datetime | None = None


@dataclass(slots=True)
class Document:
    settings: SettingsSpec = field(default_factory=SettingsSpec)
    groups: list[GroupSpec] = field(default_factory=list)
    saved_messages: list[ContentSpec] = field(default_factory=list)
    panels: list[PanelSpec] = field(default_factory=list)
    tags: list[ContentSpec] = field(default_factory=list)
    blacklist: list[BlockSpec] = field(default_factory=list)
    # where each value was in the file (its line), for problems found after reading
    lines: dict[Where, int] = field(default_factory=dict, compare=False, repr=False)

    def line(self, where: Where) -> int:
        return _line_of(self.lines, where)


# Group fields by how they are written. Every configuration field of TicketGroup is in exactly one of
# these (tests/unit/test_settings_io.py checks it, so a new field cannot be forgotten here).
GROUP_CATEGORY_LISTS = ("category_ids",)
GROUP_CATEGORIES = ("closed_category_id", "locked_category_id", "assigned_category_id")
GROUP_TEXT_CHANNELS = (
    "parent_channel_id",
    "transcript_channel_id",
    "form_channel_id",
    "feedback_channel_id",
    "log_channel_id",
    "staff_notify_channel_id",
)
GROUP_ROLE_LISTS = ("support_role_ids",)
GROUP_OPTIONAL_ROLE_LISTS = ("ping_role_ids",)  # null: "the support roles"
GROUP_CHOICES: dict[str, type[StrEnum]] = {
    "mode": GroupMode,
    "out_of_hours": OutOfHours,
    "ping_on": PingOn,
    "claim_mode": ClaimMode,
}
GROUP_COUNTS = {"user_limit": USER_LIMIT_MAX, "daily_limit": DAILY_LIMIT_MAX}
GROUP_SECONDS = ("cooldown_seconds",)  # 0: none
GROUP_OPTIONAL_SECONDS = ("inactivity_close_seconds", "closed_retention_seconds", "inactivity_warn_seconds")
GROUP_FLAGS = ("inactivity_owner_only", "owner_can_close", "close_on_owner_leave")
GROUP_TEXTS = ("name_template", "opening_message", "form_title", "schedule", "timezone")
GROUP_STRUCTURED = ("form_fields", "priority_levels", "rating_levels")
GROUP_NOT_CONFIGURATION = ("id", "guild_id", "created_at", "updated_at", "deleted_at")
GROUP_BY_NAME = ("name", "opening_message_id", "auto_replies")  # written as names

_GROUP_FIELDS = [f.name for f in dataclasses.fields(TicketGroup)]
GROUP_VALUES = tuple(
    name for name in _GROUP_FIELDS if name not in GROUP_NOT_CONFIGURATION and name not in GROUP_BY_NAME
)
# the keys of a group in the file, in the order of TicketGroup's fields
GROUP_KEYS = tuple(
    {"opening_message_id": "opening_saved_message"}.get(name, name)
    for name in _GROUP_FIELDS
    if name not in GROUP_NOT_CONFIGURATION
)
TOP_KEYS = (
    "ticketdesk",
    "exported_at",
    "settings",
    "groups",
    "saved_messages",
    "panels",
    "tags",
    "blacklist",
)
SECTIONS = TOP_KEYS[2:]
SETTINGS_KEYS = ("enabled", "admin_role_ids", "staff_role_ids", "log_channel_id", "default_group", "language")
PANEL_KEYS = ("name", "kind", "title", "description", "message", "channel_id", "entries")
ENTRY_KEYS = ("group", "label", "emoji", "description")
CONTENT_KEYS = ("name", "content", "embeds")
BLOCK_KEYS = ("kind", "id", "reason", "reason_shown", "expires_at")
FORM_FIELD_KEYS = tuple(f.name for f in dataclasses.fields(FormField))
LEVEL_KEYS = tuple(f.name for f in dataclasses.fields(Level))
RULE_KEYS = ("tag", "scope", "words", "regex")
BLOCK_KINDS = ("member", "role")


def default_template(mode: GroupMode) -> str:
    """A new group's name template (as /group create chooses it)."""
    return "{user}-{number}" if mode is GroupMode.THREAD else "ticket-{number}"


def group_defaults(mode: GroupMode = GroupMode.CHANNEL) -> dict[str, Any]:
    """A group's values when the file leaves them out: what /group create gives a new group."""
    template = TicketGroup(id=0, guild_id=0, name="")
    values = {name: copy.deepcopy(getattr(template, name)) for name in GROUP_VALUES}
    values["mode"] = mode
    values["name_template"] = default_template(mode)
    return values


# -- writing the file ---------------------------------------------------------------------------------


class SavedContent(Protocol):
    """A saved message or a tag as the configuration holds it."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def content(self) -> str | None: ...
    @property
    def embeds(self) -> list[dict[str, Any]]: ...


class BlacklistRow(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def target_id(self) -> int: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def reason_shown(self) -> bool: ...
    @property
    def expires_at(self) -> datetime | None: ...


@dataclass(slots=True)
class Snapshot:
    """One server's configuration as it is: settings, live groups, panels, saved messages, tags, blacklist."""

    config: GuildConfig
    groups: Sequence[TicketGroup]
    panels: Sequence[Panel]
    messages: Sequence[SavedContent]
    tags: Sequence[SavedContent]
    blacklist: Sequence[BlacklistRow]


def _sorted_by_name(items: Iterable[Any]) -> list[Any]:
    return sorted(items, key=lambda item: (fold(item.name), item.name))


def document_of(snapshot: Snapshot, *, now: datetime | None = None) -> Document:
    """The configuration as a document (with ``now``, blacklist entries expired by then are left out)."""
    config = snapshot.config
    groups = _sorted_by_name(snapshot.groups)
    group_names = {g.id: g.name for g in groups}
    message_names = {m.id: m.name for m in snapshot.messages}
    tag_names = {t.id: t.name for t in snapshot.tags}
    default = group_names.get(config.default_group_id) if config.default_group_id is not None else None
    settings = SettingsSpec(
        enabled=config.enabled,
        admin_role_ids=list(config.admin_role_ids),
        staff_role_ids=list(config.staff_role_ids),
        log_channel_id=config.log_channel_id,
        default_group=default,
        language=config.language,
    )
    group_specs = [
        GroupSpec(
            name=g.name,
            values={name: _copied(getattr(g, name)) for name in GROUP_VALUES},
            opening_saved_message=message_names.get(g.opening_message_id)
            if g.opening_message_id is not None
            else None,
            auto_replies=[r for r in (_rule_out(raw, tag_names) for raw in g.auto_replies) if r is not None],
        )
        for g in groups
    ]
    panels = [
        PanelSpec(
            name=p.name,
            kind=p.kind,
            title=p.title,
            description=p.description,
            message=message_names.get(p.custom_message_id) if p.custom_message_id is not None else None,
            channel_id=p.channel_id,
            entries=[
                EntrySpec(group_names[e.group_id], e.label, e.emoji, e.description)
                for e in p.entries
                if e.group_id in group_names  # an entry of a deleted group opens nothing
            ],
        )
        for p in _sorted_by_name(snapshot.panels)
    ]
    blacklist = sorted(
        (
            BlockSpec(e.kind, e.target_id, e.reason, e.reason_shown, e.expires_at)
            for e in snapshot.blacklist
            if now is None or e.expires_at is None or e.expires_at > now
        ),
        key=lambda b: (b.kind, b.target_id),
    )
    return Document(
        settings=settings,
        groups=group_specs,
        saved_messages=[
            ContentSpec(m.name, m.content, list(m.embeds)) for m in _sorted_by_name(snapshot.messages)
        ],
        panels=panels,
        tags=[ContentSpec(t.name, t.content, list(t.embeds)) for t in _sorted_by_name(snapshot.tags)],
        blacklist=blacklist,
    )


def _copied(value: Any) -> Any:
    """A list of its own (its items are shared: what reads a document never changes them)."""
    return list(value) if isinstance(value, list) else value


def _rule_out(raw: Any, tag_names: Mapping[int, str]) -> dict[str, Any] | None:
    """A stored auto-reply rule with its tag named; None when it names no tag of the server."""
    if not isinstance(raw, dict):
        return None
    tag_id = raw.get("tag_id")
    if not isinstance(tag_id, int) or tag_id not in tag_names:
        return None
    rule: dict[str, Any] = {"tag": tag_names[tag_id], "scope": raw.get("scope", AUTO_SCOPES[0])}
    if "regex" in raw:
        rule["regex"] = raw["regex"]
    else:
        rule["words"] = list(raw.get("words") or [])
    return rule


def _rule_in(rule: Mapping[str, Any], tag_ids: Mapping[str, int]) -> dict[str, Any]:
    """A rule as a group stores it (the shape of autoreply.Rule.to_json): its tag by id."""
    stored: dict[str, Any] = {"tag_id": tag_ids[fold(rule["tag"])], "scope": rule["scope"]}
    if "regex" in rule:
        stored["regex"] = rule["regex"]
    else:
        stored["words"] = list(rule["words"])
    return stored


def _id(value: int | None) -> str | None:
    return None if value is None else str(value)


def _ids(values: Iterable[int]) -> list[str]:
    return [str(v) for v in values]


def schedule_text(schedule: Schedule) -> str:
    """``mo-fr 09:00-17:00; sa 10:00-14:00``: days with the same hours side by side become a span (the
    timezone is the group's own field)."""
    spans = schedule.to_json()
    parts: list[str] = []
    index = 0
    while index < len(DAYS):
        hours = spans[DAYS[index]]
        end = index
        while end + 1 < len(DAYS) and spans[DAYS[end + 1]] == hours:
            end += 1
        if hours:
            days = DAYS[index] if end == index else f"{DAYS[index]}-{DAYS[end]}"
            parts.append(days + " " + " ".join(f"{a}-{b}" for a, b in hours))
        index = end + 1
    return "; ".join(parts)


def encode_value(name: str, value: Any) -> Any:
    """A group field's value as the file writes it."""
    if name in GROUP_CATEGORY_LISTS or name in GROUP_ROLE_LISTS:
        return _ids(value)
    if name in GROUP_OPTIONAL_ROLE_LISTS:
        return None if value is None else _ids(value)
    if name in GROUP_CATEGORIES or name in GROUP_TEXT_CHANNELS:
        return _id(value)
    if name in GROUP_CHOICES:
        return str(value)
    if name == "schedule":
        return None if value is None else schedule_text(value)
    if name == "form_fields":  # FormField.to_json, without asdict's deep copies
        return [
            {key: str(f.kind) if key == "kind" else _copied(getattr(f, key)) for key in FORM_FIELD_KEYS}
            for f in value
        ]
    if name in ("priority_levels", "rating_levels"):
        return [{key: getattr(level, key) for key in LEVEL_KEYS} for level in value]
    return value


def encode_group(spec: GroupSpec) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in GROUP_KEYS:
        if key == "name":
            out[key] = spec.name
        elif key == "opening_saved_message":
            out[key] = spec.opening_saved_message
        elif key == "auto_replies":
            out[key] = spec.auto_replies
        else:
            out[key] = encode_value(key, spec.values[key])
    return out


def encode_settings(settings: SettingsSpec) -> dict[str, Any]:
    return {
        "enabled": settings.enabled,
        "admin_role_ids": _ids(settings.admin_role_ids),
        "staff_role_ids": _ids(settings.staff_role_ids),
        "log_channel_id": _id(settings.log_channel_id),
        "default_group": settings.default_group,
        "language": settings.language,
    }


def encode_panel(spec: PanelSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "kind": str(spec.kind),
        "title": spec.title,
        "description": spec.description,
        "message": spec.message,
        "channel_id": _id(spec.channel_id),
        "entries": [
            {"group": e.group, "label": e.label, "emoji": e.emoji, "description": e.description}
            for e in spec.entries
        ],
    }


def encode_content(spec: ContentSpec) -> dict[str, Any]:
    return {"name": spec.name, "content": spec.content, "embeds": spec.embeds}


def encode_block(spec: BlockSpec) -> dict[str, Any]:
    return {
        "kind": spec.kind,
        "id": str(spec.target_id),
        "reason": spec.reason,
        "reason_shown": spec.reason_shown,
        "expires_at": to_iso(spec.expires_at),
    }


def encode(document: Document, exported_at: datetime | None = None) -> dict[str, Any]:
    """The document as JSON values, keys in the file's order (sharing the document's own lists and
    objects: dump it or compare it, do not change it)."""
    return {
        "ticketdesk": FORMAT,
        "exported_at": to_iso(exported_at),
        "settings": encode_settings(document.settings),
        "groups": [encode_group(g) for g in document.groups],
        "saved_messages": [encode_content(m) for m in document.saved_messages],
        "panels": [encode_panel(p) for p in document.panels],
        "tags": [encode_content(t) for t in document.tags],
        "blacklist": [encode_block(b) for b in document.blacklist],
    }


def dumps(document: Document, exported_at: datetime) -> str:
    """The file: pretty-printed, keys in a fixed order, ending with a newline."""
    return json.dumps(encode(document, exported_at), indent=2, ensure_ascii=False) + "\n"


def fingerprint(document: Document) -> str:
    """Changes whenever anything the document holds changes (two reads of one state agree)."""
    text = json.dumps(encode(document), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# -- reading a file: problems, each with its line --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    where: str
    detail: str


class ImportProblems(ValueError):
    """The file cannot be imported; ``problems`` says where and why (the first MAX_PROBLEMS of ``total``)."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        super().__init__(f"{total or len(problems)} problem(s)")
        self.problems = problems
        self.total = total if total is not None else len(problems)


def _line_of(lines: Mapping[Where, int], where: Where) -> int:
    while where:
        found = lines.get(where)
        if found is not None:
            return found
        where = where[:-1]
    return lines.get((), 1)


_WHITESPACE = re.compile(r"[ \t\n\r]*")


class _TooDeep(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


class _Locator:
    """Where every value of a valid JSON text starts (members: where their key starts), by path; and the
    keys an object holds twice (json.loads keeps the last silently)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[Where, int] = {}
        self.twice: list[tuple[Where, str]] = []

    def run(self) -> None:
        self._value(_WHITESPACE.match(self.text, 0).end(), (), 0)  # type: ignore[union-attr]

    def _skip(self, index: int) -> int:
        return _WHITESPACE.match(self.text, index).end()  # type: ignore[union-attr]

    def _value(self, index: int, where: Where, depth: int) -> int:
        text = self.text
        self.offsets.setdefault(where, index)
        char = text[index]
        if char == '"':
            return json.decoder.scanstring(text, index + 1)[1]  # type: ignore[attr-defined,no-any-return]
        if char in "{[":
            if depth >= MAX_DEPTH:
                raise _TooDeep(index)
            return self._object(index, where, depth) if char == "{" else self._array(index, where, depth)
        for literal in ("true", "false", "null"):
            if text.startswith(literal, index):
                return index + len(literal)
        match = scanner.NUMBER_RE.match(text, index)
        assert match is not None, "the text was parsed already"
        return match.end()

    def _object(self, index: int, where: Where, depth: int) -> int:
        text = self.text
        index = self._skip(index + 1)
        seen: set[str] = set()
        if text[index] == "}":
            return index + 1
        while True:
            start = index
            key, index = json.decoder.scanstring(text, index + 1)  # type: ignore[attr-defined]
            if key in seen:
                self.twice.append((where, key))
            seen.add(key)
            self.offsets[(*where, key)] = start
            index = self._skip(self._skip(index) + 1)  # past the colon
            index = self._skip(self._value(index, (*where, key), depth + 1))
            if text[index] == "}":
                return index + 1
            index = self._skip(index + 1)  # past the comma

    def _array(self, index: int, where: Where, depth: int) -> int:
        text = self.text
        index = self._skip(index + 1)
        if text[index] == "]":
            return index + 1
        position = 0
        while True:
            index = self._skip(self._value(index, (*where, position), depth + 1))
            position += 1
            if text[index] == "]":
                return index + 1
            index = self._skip(index + 1)


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def read_json(data: bytes | str) -> tuple[Any, dict[Where, int]]:
    """The file's value and the line of every path in it; raises ImportProblems for what is not JSON."""
    if len(data) > MAX_BYTES:
        raise ImportProblems(
            [Problem(1, messages.IO_TOP_LEVEL, messages.IO_FILE_TOO_LARGE.format(max=MAX_BYTES // 1024))]
        )
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportProblems(
                [
                    Problem(
                        line, messages.IO_TOP_LEVEL, messages.IO_NOT_UNICODE_TEXT.format(position=exc.start)
                    )
                ]
            ) from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ImportProblems(
            [
                Problem(
                    exc.lineno,
                    messages.IO_TOP_LEVEL,
                    messages.IO_NOT_JSON.format(detail=exc.msg, column=exc.colno),
                )
            ]
        ) from None
    except RecursionError:
        raise ImportProblems(
            [Problem(1, messages.IO_TOP_LEVEL, messages.IO_TOO_DEEP.format(max=MAX_DEPTH))]
        ) from None
    except ValueError:  # NaN or Infinity, or a number with thousands of digits
        raise ImportProblems([Problem(1, messages.IO_TOP_LEVEL, messages.IO_BAD_NUMBER)]) from None
    newlines = [match.start() for match in re.finditer("\n", text)]

    def line(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + 1

    locator = _Locator(text)
    try:
        locator.run()
    except _TooDeep as exc:
        raise ImportProblems(
            [Problem(line(exc.offset), messages.IO_TOP_LEVEL, messages.IO_TOO_DEEP.format(max=MAX_DEPTH))]
        ) from None
    lines = {where: line(offset) for where, offset in locator.offsets.items()}
    if locator.twice:
        raise ImportProblems(
            [
                Problem(
                    _line_of(lines, (*where, key)), where_text(where), messages.IO_KEY_TWICE.format(key=key)
                )
                for where, key in locator.twice[:MAX_PROBLEMS]
            ],
            len(locator.twice),
        )
    return value, lines


class _Bad:
    """A value that failed its check (the problem is recorded); whatever holds it fails too."""

    def __repr__(self) -> str:
        return "BAD"


BAD: Any = _Bad()
_MISSING: Any = object()


SLOW_PATTERNS_MAX = 3  # slow auto-reply patterns probed in one file before the rest are refused unprobed


class _Checker:
    """Checks values against the format, recording every problem with its line; returns BAD for a value
    that failed, so reading goes on and finds the other problems too."""

    def __init__(self, lines: Mapping[Where, int], root: Any = None) -> None:
        self.lines = lines
        self.root = root
        self.problems: list[Problem] = []
        self.slow_patterns = 0

    def fail(self, where: Where, detail: str) -> Any:
        self.problems.append(Problem(_line_of(self.lines, where), where_text(where), detail))
        return BAD

    def pattern(self, pattern: str, where: Where) -> Any:
        """An auto-reply pattern, checked as ``/tag auto add`` checks it (slow ones are refused). A file
        with several slow patterns stops being probed: each probe can take a quarter of a second."""
        if self.slow_patterns >= SLOW_PATTERNS_MAX:
            return self.fail(where, messages.AUTO_PATTERN_SLOW)
        try:
            return autoreply.check_pattern(pattern)
        except autoreply.RuleError as exc:
            if str(exc) == messages.AUTO_PATTERN_SLOW:
                self.slow_patterns += 1
            return self.fail(where, str(exc))

    def obj(
        self, value: Any, where: Where, known: Sequence[str], required: Sequence[str] = ()
    ) -> dict[str, Any] | Any:
        """The object, its unknown keys reported (reading goes on); BAD when it is none, or lacks a key."""
        if not isinstance(value, dict):
            return self.fail(where, messages.IO_EXPECTED_OBJECT)
        for key in value:
            if key not in known:
                self.fail((*where, key), messages.IO_UNKNOWN_KEY.format(key=key, known=", ".join(known)))
        missing = [key for key in required if key not in value]
        for key in missing:
            self.fail(where, messages.IO_MISSING_KEY.format(key=key))
        return BAD if missing else value

    def array(self, value: Any, where: Where, most: int) -> list[Any] | Any:
        if not isinstance(value, list):
            return self.fail(where, messages.IO_EXPECTED_LIST)
        if len(value) > most:
            return self.fail(where, messages.IO_TOO_MANY.format(max=most, count=len(value)))
        return value

    def text(
        self,
        value: Any,
        where: Where,
        most: int,
        *,
        least: int = 0,
        optional: bool = False,
        clean: Callable[[str], str] = lambda s: strip_invisible(s).strip(),
    ) -> str | None | Any:
        """Text cleaned as the commands clean it; with ``optional``, null (and empty) is None."""
        if value is None and optional:
            return None
        if not isinstance(value, str):
            return self.fail(
                where, messages.IO_EXPECTED_TEXT_OR_NULL if optional else messages.IO_EXPECTED_TEXT
            )
        cleaned = clean(value)
        if optional and not cleaned:
            return None
        if not least <= len(cleaned) <= most:
            return self.fail(
                where, messages.IO_TEXT_LENGTH.format(least=least, most=most, length=len(cleaned))
            )
        return cleaned

    def integer(
        self, value: Any, where: Where, least: int, most: int, *, optional: bool = False
    ) -> int | None | Any:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            detail = messages.IO_NUMBER_OR_NULL if optional else messages.IO_NUMBER
            return self.fail(where, detail.format(least=least, most=most))
        return value

    def flag(self, value: Any, where: Where) -> bool | Any:
        if not isinstance(value, bool):
            return self.fail(where, messages.IO_EXPECTED_FLAG)
        return value

    def choice(self, value: Any, where: Where, kind: type[E]) -> E | Any:
        try:
            return kind(value)
        except (ValueError, TypeError):
            return self.fail(where, messages.IO_EXPECTED_CHOICE.format(choices=", ".join(kind)))

    def snowflake(self, value: Any, where: Where, *, optional: bool = False) -> int | None | Any:
        if value is None and optional:
            return None
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
            number = int(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            number = 0
        if not 0 < number <= MAX_ID:
            return self.fail(where, messages.IO_EXPECTED_ID_OR_NULL if optional else messages.IO_EXPECTED_ID)
        return number

    def snowflakes(
        self, value: Any, where: Where, *, optional: bool = False, most: int = 250
    ) -> list[int] | None | Any:
        if value is None and optional:
            return None
        found = self.array(value, where, most)
        if found is BAD:
            return BAD
        ids = [self.snowflake(item, (*where, index)) for index, item in enumerate(found)]
        if any(i is BAD for i in ids):
            return BAD
        return list(dict.fromkeys(ids))  # each once, in order

    def moment(self, value: Any, where: Where) -> datetime | None | Any:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is not None:
                    return moment.astimezone(UTC)
            except (ValueError, OverflowError):  # not a time, or one at the calendar's edge
                pass
        return self.fail(where, messages.IO_EXPECTED_TIME)


def _bad(*values: Any) -> bool:
    return any(v is BAD for v in values)


def _name_rule(name: str) -> str:
    """A saved message's, tag's or panel's name: one line, no invisible characters (as /message create)."""
    return one_line(strip_invisible(name))


def _group_name_rule(name: str) -> str:
    return " ".join(strip_invisible(name).split())


def read_document(data: bytes | str) -> Document:
    """Read an exported file back: everything checked with the commands' rules. Raises ImportProblems
    (and nothing else) when the file cannot be imported."""
    value, lines = read_json(data)
    checker = _Checker(lines, value)
    document = _read_document(checker, value)
    if checker.problems or document is None:
        problems = sorted(checker.problems, key=lambda p: p.line)
        raise ImportProblems(problems[:MAX_PROBLEMS], len(problems))
    document.lines = lines
    return document


def _read_document(c: _Checker, value: Any) -> Document | None:
    if not isinstance(value, dict):
        c.fail((), messages.IO_EXPECTED_OBJECT)
        return None
    version = value.get("ticketdesk", _MISSING)
    if version is _MISSING:
        c.fail((), messages.IO_NOT_AN_EXPORT)
        return None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        c.fail(("ticketdesk",), messages.IO_FORMAT_NUMBER)
        return None
    if version > FORMAT:  # a newer format may mean something else by the same keys: read none of it
        c.fail(("ticketdesk",), messages.IO_NEWER_FORMAT.format(version=version, supported=FORMAT))
        return None
    root = c.obj(value, (), TOP_KEYS, required=SECTIONS)
    if root is BAD:
        return None
    exported_at = root.get("exported_at")
    if exported_at is not None:
        c.moment(exported_at, ("exported_at",))
    settings = _read_settings(c, root["settings"], ("settings",))
    groups = _read_list(c, root["groups"], ("groups",), MAX_GROUPS, _read_group)
    saved = _read_list(
        c, root["saved_messages"], ("saved_messages",), MAX_SAVED_MESSAGES, _content_reader(MESSAGE_NAME_MAX)
    )
    panels = _read_list(c, root["panels"], ("panels",), MAX_PANELS, _read_panel)
    tags = _read_list(c, root["tags"], ("tags",), MAX_TAGS, _content_reader(TAG_NAME_MAX))
    blacklist = _read_list(c, root["blacklist"], ("blacklist",), MAX_BLACKLIST, _read_block)
    sections = (groups, saved, panels, tags, blacklist)
    if all(section is not BAD for section in sections):
        # names and references are checked among what could be read (a name that failed its own check
        # is reported once, where it is)
        if settings is not BAD:
            default = settings.default_group
        else:
            raw = _raw(c, ("settings", "default_group"))
            default = _group_name_rule(raw) if isinstance(raw, str) and raw.strip() else None
        _check_references(c, default, *(section for section in sections))
    if settings is BAD or any(section is BAD or _bad(*section) for section in sections):
        return None
    document = Document(settings, groups, saved, panels, tags, blacklist)
    if not c.problems:
        _spell_references(document)
    return document


def _spell_references(doc: Document, names: Document | None = None) -> None:
    """Spell every reference as ``names`` (by default the document itself) spells what it refers to
    (names match ignoring case); a name ``names`` has not got stays as it is."""
    source = names or doc
    groups = {fold(g.name): g.name for g in source.groups}
    saved = {fold(m.name): m.name for m in source.saved_messages}
    tags = {fold(t.name): t.name for t in source.tags}

    def spelled(found: dict[str, str], name: str) -> str:
        return found.get(fold(name), name)

    if doc.settings.default_group is not None:
        doc.settings.default_group = spelled(groups, doc.settings.default_group)
    for group in doc.groups:
        if group.opening_saved_message is not None:
            group.opening_saved_message = spelled(saved, group.opening_saved_message)
        for rule in group.auto_replies:
            rule["tag"] = spelled(tags, rule["tag"])
    for panel in doc.panels:
        if panel.message is not None:
            panel.message = spelled(saved, panel.message)
        for entry in panel.entries:
            entry.group = spelled(groups, entry.group)


T = TypeVar("T")


def _read_list(
    c: _Checker, value: Any, where: Where, most: int, read: Callable[[_Checker, Any, Where], T]
) -> list[T] | Any:
    found = c.array(value, where, most)
    if found is BAD:
        return BAD
    return [read(c, item, (*where, index)) for index, item in enumerate(found)]


def _read_settings(c: _Checker, value: Any, where: Where) -> SettingsSpec | Any:
    raw = c.obj(value, where, SETTINGS_KEYS)
    if raw is BAD:
        return BAD
    defaults = SettingsSpec()
    enabled = c.flag(raw.get("enabled", defaults.enabled), (*where, "enabled"))
    admins = c.snowflakes(raw.get("admin_role_ids", []), (*where, "admin_role_ids"))
    staff = c.snowflakes(raw.get("staff_role_ids", []), (*where, "staff_role_ids"))
    log = c.snowflake(raw.get("log_channel_id"), (*where, "log_channel_id"), optional=True)
    default = c.text(
        raw.get("default_group"),
        (*where, "default_group"),
        GROUP_NAME_MAX,
        optional=True,
        clean=_group_name_rule,
    )
    language = raw.get("language", defaults.language)
    if language is not None and language not in i18n.shipped():
        language = c.fail(
            (*where, "language"), messages.IO_LANGUAGE.format(languages=", ".join(i18n.shipped()))
        )
    if _bad(enabled, admins, staff, log, default, language):
        return BAD
    # stored sorted, as /tickets settings stores them
    return SettingsSpec(enabled, sorted(admins), sorted(staff), log, default, language)


_EMBED_TEXTS = ("title", "description", "url", "timestamp", "type")
_EMBED_PARTS = {
    "footer": ("text", "icon_url"),
    "author": ("name", "url", "icon_url"),
    "image": ("url",),
    "thumbnail": ("url",),
}


def _embed_shape(embed: Any) -> bool:
    """An embed object Discord takes: text where it wants text, a number for the colour, fields with a
    name and a value (the limits are message_limits.check's)."""
    if not isinstance(embed, dict):
        return False
    if any(key in embed and not isinstance(embed[key], str) for key in _EMBED_TEXTS):
        return False
    for key in ("color", "colour"):
        if key in embed and (isinstance(embed[key], bool) or not isinstance(embed[key], int)):
            return False
    for key, parts in _EMBED_PARTS.items():
        part = embed.get(key)
        if part is not None and (
            not isinstance(part, dict) or any(not isinstance(part.get(p, ""), str) for p in parts)
        ):
            return False
    fields = embed.get("fields", [])
    return isinstance(fields, list) and all(
        isinstance(f, dict)
        and isinstance(f.get("name"), str)
        and isinstance(f.get("value"), str)
        and isinstance(f.get("inline", False), bool)
        for f in fields
    )


def _content_reader(name_max: int) -> Callable[[_Checker, Any, Where], ContentSpec | Any]:
    def read(c: _Checker, value: Any, where: Where) -> ContentSpec | Any:
        raw = c.obj(value, where, CONTENT_KEYS, required=("name",))
        if raw is BAD:
            return BAD
        name = c.text(raw["name"], (*where, "name"), name_max, least=1, clean=_name_rule)
        content = c.text(
            raw.get("content"), (*where, "content"), message_limits.CONTENT, optional=True, clean=str.strip
        )
        embeds = raw.get("embeds", [])
        if not isinstance(embeds, list) or not all(_embed_shape(e) for e in embeds):
            embeds = c.fail((*where, "embeds"), messages.IO_EMBEDS_LIST)
        if _bad(name, content, embeds):
            return BAD
        try:  # exactly what /message create checks
            embeds = message_limits.parse_embeds(json.dumps(embeds))
            message_limits.check(content, embeds)
        except message_limits.MessageError as exc:
            return c.fail(where, str(exc))
        unknown = unknown_in_message(content, embeds)
        if unknown:
            known = ", ".join("{" + v + "}" for v in MESSAGE_VARIABLES)
            return c.fail(where, messages.IO_UNKNOWN_VARIABLE.format(name=unknown[0], known=known))
        return ContentSpec(name, content, embeds)

    return read


def _read_block(c: _Checker, value: Any, where: Where) -> BlockSpec | Any:
    raw = c.obj(value, where, BLOCK_KEYS, required=("kind", "id"))
    if raw is BAD:
        return BAD
    kind = raw["kind"]
    if kind not in BLOCK_KINDS:
        kind = c.fail((*where, "kind"), messages.IO_EXPECTED_CHOICE.format(choices=", ".join(BLOCK_KINDS)))
    target = c.snowflake(raw["id"], (*where, "id"))
    reason = c.text(raw.get("reason"), (*where, "reason"), REASON_MAX, optional=True)
    shown = c.flag(raw.get("reason_shown", False), (*where, "reason_shown"))
    expires = c.moment(raw.get("expires_at"), (*where, "expires_at"))
    if _bad(kind, target, reason, shown, expires):
        return BAD
    return BlockSpec(kind, target, reason, shown, expires)


def _entry_emoji(c: _Checker, value: Any, where: Where) -> str | None | Any:
    """As /panel add-entry takes it: a Unicode emoji or a custom one (<:name:id>)."""
    text = c.text(value, where, EMOJI_MAX, optional=True, clean=str.strip)
    if text is None or text is BAD:
        return text
    if _CUSTOM_EMOJI.match(text) is None and (any(ch.isalnum() for ch in text) or " " in text):
        return c.fail(where, messages.IO_NOT_AN_EMOJI)
    return text


def _read_panel(c: _Checker, value: Any, where: Where) -> PanelSpec | Any:
    raw = c.obj(value, where, PANEL_KEYS, required=("name",))
    if raw is BAD:
        return BAD
    name = c.text(raw["name"], (*where, "name"), PANEL_NAME_MAX, least=1, clean=_name_rule)
    kind = c.choice(raw.get("kind", str(PanelKind.BUTTON)), (*where, "kind"), PanelKind)
    title = c.text(raw.get("title"), (*where, "title"), PANEL_TITLE_MAX, optional=True)
    description = c.text(
        raw.get("description"), (*where, "description"), PANEL_DESCRIPTION_MAX, optional=True
    )
    message = c.text(
        raw.get("message"), (*where, "message"), MESSAGE_NAME_MAX, optional=True, clean=_name_rule
    )
    channel = c.snowflake(raw.get("channel_id"), (*where, "channel_id"), optional=True)
    entries = _read_list(
        c, raw.get("entries", []), (*where, "entries"), max(ENTRY_LIMIT.values()), _read_entry
    )
    if _bad(name, kind, title, description, message, channel, entries) or _bad(*entries):
        return BAD
    if len(entries) > ENTRY_LIMIT[kind]:
        detail = (
            messages.PANEL_BUTTON_ONE_ENTRY
            if kind is PanelKind.BUTTON
            else messages.PANEL_FULL.format(limit=ENTRY_LIMIT[kind])
        )
        return c.fail((*where, "entries"), detail)
    for entry in entries:
        if entry.label is None:  # as /panel add-entry labels an entry given no label
            entry.label = (
                messages.DEFAULT_OPEN_LABEL
                if kind is PanelKind.BUTTON
                else clip(entry.group, ENTRY_LABEL_MAX)
            )
    return PanelSpec(name, kind, title, description, message, channel, entries)


def _read_entry(c: _Checker, value: Any, where: Where) -> EntrySpec | Any:
    raw = c.obj(value, where, ENTRY_KEYS, required=("group",))
    if raw is BAD:
        return BAD
    group = c.text(raw["group"], (*where, "group"), GROUP_NAME_MAX, least=1, clean=_group_name_rule)
    label = c.text(raw.get("label"), (*where, "label"), ENTRY_LABEL_MAX, optional=True)
    emoji = _entry_emoji(c, raw.get("emoji"), (*where, "emoji"))
    description = c.text(
        raw.get("description"), (*where, "description"), ENTRY_DESCRIPTION_MAX, optional=True
    )
    if _bad(group, label, emoji, description):
        return BAD
    return EntrySpec(group, label, emoji, description)  # a missing label is filled in by the panel


def _read_group(c: _Checker, value: Any, where: Where) -> GroupSpec | Any:
    raw = c.obj(value, where, GROUP_KEYS, required=("name",))
    if raw is BAD:
        return BAD
    at = lambda key: (*where, key)  # noqa: E731
    name = c.text(raw["name"], at("name"), GROUP_NAME_MAX, least=1, clean=_group_name_rule)
    mode = c.choice(raw.get("mode", str(GroupMode.CHANNEL)), at("mode"), GroupMode)
    values = group_defaults(mode if mode is not BAD else GroupMode.CHANNEL)
    values["mode"] = mode
    for key in GROUP_CATEGORY_LISTS + GROUP_ROLE_LISTS:
        values[key] = c.snowflakes(raw.get(key, []), at(key))
    for key in GROUP_OPTIONAL_ROLE_LISTS:
        values[key] = c.snowflakes(raw.get(key), at(key), optional=True)
    for key in GROUP_CATEGORIES + GROUP_TEXT_CHANNELS:
        values[key] = c.snowflake(raw.get(key), at(key), optional=True)
    for key, kind in GROUP_CHOICES.items():
        if key != "mode" and key in raw:
            values[key] = c.choice(raw[key], at(key), kind)
    for key, most in GROUP_COUNTS.items():
        if key in raw:
            values[key] = c.integer(raw[key], at(key), 0, most)
    for key in GROUP_SECONDS:
        if key in raw:
            values[key] = c.integer(raw[key], at(key), 0, MAX_SECONDS)
    for key in GROUP_OPTIONAL_SECONDS:
        if key in raw:
            values[key] = c.integer(raw[key], at(key), 1, MAX_SECONDS, optional=True)
    for key in GROUP_FLAGS:
        if key in raw:
            values[key] = c.flag(raw[key], at(key))
    if "name_template" in raw:
        values["name_template"] = _name_template(c, raw["name_template"], at("name_template"), mode)
    values["opening_message"] = _opening_message(c, raw.get("opening_message"), at("opening_message"))
    saved = c.text(
        raw.get("opening_saved_message"),
        at("opening_saved_message"),
        MESSAGE_NAME_MAX,
        optional=True,
        clean=_name_rule,
    )
    if values["opening_message"] not in (None, BAD) and saved not in (None, BAD):
        saved = c.fail(at("opening_saved_message"), messages.IO_OPENING_TWICE)
    values["form_title"], values["form_fields"] = _form(c, raw, where)
    for key in ("priority_levels", "rating_levels"):
        values[key] = _levels(c, raw.get(key, []), at(key))
    values["timezone"], values["schedule"] = _schedule(c, raw, where)
    rules = _rules(c, raw.get("auto_replies", []), at("auto_replies"))
    if _bad(name, saved, rules, *values.values()):
        return BAD
    if values["inactivity_close_seconds"] is None:  # as /group edit: owner-only applies to a set close
        values["inactivity_owner_only"] = False
    if mode is GroupMode.THREAD and values["parent_channel_id"] is None:
        return c.fail(at("parent_channel_id"), messages.THREAD_MODE_NEEDS_PARENT)
    return GroupSpec(name, values, saved, rules)


def _name_template(c: _Checker, value: Any, where: Where, mode: GroupMode | Any) -> str | Any:
    if not isinstance(value, str):
        return c.fail(where, messages.IO_EXPECTED_TEXT)
    if mode is BAD:
        return value
    try:
        naming.validate_template(value, thread=mode is GroupMode.THREAD)
    except naming.TemplateError as exc:
        return c.fail(where, str(exc))
    return value


def _opening_message(c: _Checker, value: Any, where: Where) -> str | None | Any:
    text = c.text(value, where, OPENING_MESSAGE_MAX, optional=True, clean=str.strip)
    if text is None or text is BAD:
        return text
    unknown = unknown_variables(text)
    if unknown:
        return c.fail(
            where,
            messages.IO_UNKNOWN_VARIABLE.format(
                name=unknown[0], known=", ".join("{" + v + "}" for v in MESSAGE_VARIABLES)
            ),
        )
    return text


def _form(c: _Checker, raw: Mapping[str, Any], where: Where) -> tuple[Any, Any]:
    """(title, fields): each field checked as /group form add checks it, then the whole form."""
    title = raw.get("form_title")
    if title is not None:
        title = (
            (title.strip() or None)
            if isinstance(title, str)
            else c.fail((*where, "form_title"), messages.IO_EXPECTED_TEXT_OR_NULL)
        )
    found = c.array(raw.get("form_fields", []), (*where, "form_fields"), 100)
    if found is BAD:
        return title, BAD
    fields = [_form_field(c, item, (*where, "form_fields", index)) for index, item in enumerate(found)]
    if _bad(title, *fields):
        return title, BAD
    try:
        validate_form(fields, title)
    except FormError as exc:
        return title, c.fail((*where, "form_fields"), str(exc))
    return title, fields


def _form_field(c: _Checker, value: Any, where: Where) -> FormField | Any:
    raw = c.obj(value, where, FORM_FIELD_KEYS, required=("key", "label"))
    if raw is BAD:
        return BAD
    key = raw["key"]
    if not isinstance(key, str) or not 1 <= len(key) <= FORM_KEY_MAX or not _FORM_KEY.match(key):
        key = c.fail((*where, "key"), messages.IO_FORM_KEY.format(max=FORM_KEY_MAX))
    label = c.text(raw["label"], (*where, "label"), 1000, clean=str)
    kind = c.choice(raw.get("kind", str(FieldKind.SHORT)), (*where, "kind"), FieldKind)
    required = c.flag(raw.get("required", True), (*where, "required"))
    placeholder = c.text(raw.get("placeholder"), (*where, "placeholder"), 1000, optional=True, clean=str)
    description = c.text(raw.get("description"), (*where, "description"), 1000, optional=True, clean=str)
    low = c.integer(raw.get("min_length"), (*where, "min_length"), 0, 1_000_000, optional=True)
    high = c.integer(raw.get("max_length"), (*where, "max_length"), 0, 1_000_000, optional=True)
    options = raw.get("options", [])
    if not isinstance(options, list) or not all(isinstance(o, str) for o in options) or len(options) > 100:
        options = c.fail((*where, "options"), messages.IO_OPTIONS)
    if _bad(key, label, kind, required, placeholder, description, low, high, options):
        return BAD
    spec = FormField(key, label, kind, required, placeholder, description, low, high, list(options))
    try:
        return validate_field(spec)
    except FormError as exc:
        return c.fail(where, str(exc))


def _levels(c: _Checker, value: Any, where: Where) -> list[Level] | Any:
    found = c.array(value, where, 100)
    if found is BAD:
        return BAD
    levels: list[Any] = []
    for index, item in enumerate(found):
        at = (*where, index)
        raw = c.obj(item, at, LEVEL_KEYS, required=("label",))
        if raw is BAD:
            levels.append(BAD)
            continue
        label = c.text(raw["label"], (*at, "label"), 1000)
        description = c.text(raw.get("description"), (*at, "description"), 1000, optional=True)
        emoji = c.text(raw.get("emoji"), (*at, "emoji"), 1000, optional=True)
        if isinstance(emoji, str) and not is_level_emoji(emoji):
            emoji = c.fail((*at, "emoji"), messages.IO_NOT_AN_EMOJI)
        color = c.text(raw.get("color"), (*at, "color"), 1000, optional=True)
        if isinstance(color, str) and re.fullmatch(r"#?[0-9a-fA-F]{6}", color):
            color = "#" + color.lstrip("#").lower()  # as /group edit stores a colour
        default = c.flag(raw.get("default", False), (*at, "default"))
        levels.append(
            BAD
            if _bad(label, description, emoji, color, default)
            else Level(label, description, emoji, color, default)
        )
    if _bad(*levels):
        return BAD
    try:
        validate_levels(levels)
    except LevelError as exc:
        return c.fail(where, str(exc))
    return levels


def _schedule(c: _Checker, raw: Mapping[str, Any], where: Where) -> tuple[Any, Any]:
    """(timezone, schedule): the schedule is read as /group edit reads it; a timezone it names wins."""
    timezone = raw.get("timezone", "UTC")
    if not isinstance(timezone, str):
        timezone = c.fail((*where, "timezone"), messages.IO_EXPECTED_TEXT)
    else:
        try:
            zone(timezone)
        except ScheduleError as exc:
            timezone = c.fail((*where, "timezone"), str(exc))
    text = raw.get("schedule")
    if text is None:
        return timezone, None
    if not isinstance(text, str) or not text.strip() or len(text) > 1000:
        return timezone, c.fail((*where, "schedule"), messages.IO_SCHEDULE_TEXT)
    if timezone is BAD:
        return timezone, BAD
    try:
        schedule = parse_schedule(text, timezone)
    except ScheduleError as exc:
        return timezone, c.fail((*where, "schedule"), str(exc))
    return schedule.timezone, schedule


def _rules(c: _Checker, value: Any, where: Where) -> list[dict[str, Any]] | Any:
    found = c.array(value, where, AUTO_RULES_MAX)
    if found is BAD:
        return BAD
    rules: list[Any] = []
    for index, item in enumerate(found):
        at = (*where, index)
        raw = c.obj(item, at, RULE_KEYS, required=("tag",))
        if raw is BAD:
            rules.append(BAD)
            continue
        tag = c.text(raw["tag"], (*at, "tag"), TAG_NAME_MAX, least=1, clean=_name_rule)
        scope = raw.get("scope", AUTO_SCOPES[0])
        if scope not in AUTO_SCOPES:
            scope = c.fail((*at, "scope"), messages.IO_EXPECTED_CHOICE.format(choices=", ".join(AUTO_SCOPES)))
        rule: dict[str, Any] = {"tag": tag, "scope": scope}
        if ("words" in raw) == ("regex" in raw):
            rules.append(c.fail(at, messages.IO_WORDS_OR_REGEX))
            continue
        if "regex" in raw:
            pattern = c.text(raw["regex"], (*at, "regex"), AUTO_PATTERN_MAX, least=1)
            rule["regex"] = pattern if pattern is BAD else c.pattern(pattern, (*at, "regex"))
        else:
            words = raw["words"]
            if (
                not isinstance(words, list)
                or not 1 <= len(words) <= AUTO_WORDS_MAX
                or not all(isinstance(w, str) and 1 <= len(_name_rule(w)) <= AUTO_WORD_MAX for w in words)
            ):
                words = c.fail(
                    (*at, "words"), messages.IO_WORDS.format(most=AUTO_WORDS_MAX, length=AUTO_WORD_MAX)
                )
            else:
                words = [_name_rule(w) for w in words]
            rule["words"] = words
        rules.append(BAD if _bad(*rule.values()) else rule)
    return BAD if _bad(*rules) else rules


def _unique(c: _Checker, items: Sequence[Any], where: Where, clean: Callable[[str], str]) -> None:
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        name = item.name if item is not BAD else _raw(c, (*where, index, "name"))
        if not isinstance(name, str) or not clean(name):
            continue
        key = fold(clean(name))
        if key in first:
            earlier = _line_of(c.lines, (*where, first[key], "name"))
            c.fail((*where, index, "name"), messages.IO_NAME_TWICE.format(name=clean(name), line=earlier))
        else:
            first[key] = index


def _names(c: _Checker, items: Sequence[Any], where: Where, clean: Callable[[str], str]) -> set[str]:
    """The names the file gives (folded), read from the file itself where an item failed its checks."""
    found = set()
    for index, item in enumerate(items):
        if item is not BAD:
            found.add(fold(item.name))
            continue
        raw = _raw(c, (*where, index, "name"))
        if isinstance(raw, str):
            found.add(fold(clean(raw)))
    return found


def _raw(c: _Checker, where: Where) -> Any:
    value: Any = c.root
    for part in where:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _check_references(
    c: _Checker,
    default: str | None,
    groups: list[Any],
    saved_messages: list[Any],
    panels: list[Any],
    tags: list[Any],
    blacklist: list[Any],
) -> None:
    """Names unique (ignoring case), and every name that refers to something found in the file."""
    _unique(c, groups, ("groups",), _group_name_rule)
    _unique(c, saved_messages, ("saved_messages",), _name_rule)
    _unique(c, panels, ("panels",), _name_rule)
    _unique(c, tags, ("tags",), _name_rule)
    group_names = _names(c, groups, ("groups",), _group_name_rule)
    saved = _names(c, saved_messages, ("saved_messages",), _name_rule)
    tag_names = _names(c, tags, ("tags",), _name_rule)
    if default is not None and fold(default) not in group_names:
        c.fail(("settings", "default_group"), messages.IO_NO_SUCH_GROUP.format(name=default))
    for index, group in enumerate(groups):
        if group is BAD:
            continue
        if group.opening_saved_message is not None and fold(group.opening_saved_message) not in saved:
            c.fail(
                ("groups", index, "opening_saved_message"),
                messages.IO_NO_SUCH_MESSAGE.format(name=group.opening_saved_message),
            )
        for number, rule in enumerate(group.auto_replies):
            if fold(rule["tag"]) not in tag_names:
                c.fail(
                    ("groups", index, "auto_replies", number, "tag"),
                    messages.IO_NO_SUCH_TAG.format(name=rule["tag"]),
                )
    for index, panel in enumerate(panels):
        if panel is BAD:
            continue
        if panel.message is not None and fold(panel.message) not in saved:
            c.fail(("panels", index, "message"), messages.IO_NO_SUCH_MESSAGE.format(name=panel.message))
        for number, entry in enumerate(panel.entries):
            if fold(entry.group) not in group_names:
                c.fail(
                    ("panels", index, "entries", number, "group"),
                    messages.IO_NO_SUCH_GROUP.format(name=entry.group),
                )
    seen: dict[tuple[str, int], int] = {}
    for index, block in enumerate(blacklist):
        if block is BAD:
            continue
        key = (block.kind, block.target_id)
        if key in seen:
            line = _line_of(c.lines, ("blacklist", seen[key]))
            c.fail(("blacklist", index, "id"), messages.IO_LISTED_TWICE.format(line=line))
        else:
            seen[key] = index


# -- the server that imports: its roles and channels ------------------------------------------------------


class IdKind(StrEnum):
    ROLE = "role"
    CATEGORY = "category"
    CHANNEL = "channel"  # a text channel


@dataclass(frozen=True, slots=True)
class Target:
    """The ids that exist in the importing server, by what they may be used for."""

    roles: Set[int]
    categories: Set[int]
    text_channels: Set[int]

    def has(self, kind: IdKind, ident: int) -> bool:
        found = {
            IdKind.ROLE: self.roles,
            IdKind.CATEGORY: self.categories,
            IdKind.CHANNEL: self.text_channels,
        }
        return ident in found[kind]


@dataclass(slots=True)
class Dropped:
    """An id the file names that this server has not (or not as that kind): left out of the import."""

    kind: IdKind
    ident: int
    where: list[str] = field(default_factory=list)


class _Resolver:
    def __init__(self, target: Target) -> None:
        self.target = target
        self.dropped: dict[tuple[IdKind, int], Dropped] = {}

    def one(self, kind: IdKind, ident: int | None, where: Where) -> int | None:
        if ident is None or self.target.has(kind, ident):
            return ident
        self.dropped.setdefault((kind, ident), Dropped(kind, ident)).where.append(where_text(where))
        return None

    def many(self, kind: IdKind, idents: list[int] | None, where: Where) -> list[int] | None:
        if idents is None:
            return None
        return [i for i in idents if self.one(kind, i, where) is not None]


def _resolve(doc: Document, target: Target, now: datetime) -> tuple[Document, list[Dropped], list[BlockSpec]]:
    """The document with every id this server has not left out; also what was left out, and blacklist
    entries that expired since the export."""
    out = copy.deepcopy(doc)
    out.lines = doc.lines
    r = _Resolver(target)
    s = out.settings
    s.admin_role_ids = r.many(IdKind.ROLE, s.admin_role_ids, ("settings", "admin_role_ids")) or []
    s.staff_role_ids = r.many(IdKind.ROLE, s.staff_role_ids, ("settings", "staff_role_ids")) or []
    s.log_channel_id = r.one(IdKind.CHANNEL, s.log_channel_id, ("settings", "log_channel_id"))
    for index, group in enumerate(out.groups):
        values = group.values
        at = lambda key, i=index: ("groups", i, key)  # noqa: E731
        for key in GROUP_CATEGORY_LISTS:
            values[key] = r.many(IdKind.CATEGORY, values[key], at(key))
        for key in GROUP_ROLE_LISTS + GROUP_OPTIONAL_ROLE_LISTS:
            values[key] = r.many(IdKind.ROLE, values[key], at(key))
        for key in GROUP_CATEGORIES:
            values[key] = r.one(IdKind.CATEGORY, values[key], at(key))
        for key in GROUP_TEXT_CHANNELS:
            values[key] = r.one(IdKind.CHANNEL, values[key], at(key))
    for index, panel in enumerate(out.panels):
        panel.channel_id = r.one(IdKind.CHANNEL, panel.channel_id, ("panels", index, "channel_id"))
    kept, expired = [], []
    for index, block in enumerate(out.blacklist):
        if block.expires_at is not None and block.expires_at <= now:
            expired.append(block)
        elif (
            block.kind == "member"
            or r.one(IdKind.ROLE, block.target_id, ("blacklist", index, "id")) is not None
        ):
            kept.append(block)
    out.blacklist = kept
    return out, list(r.dropped.values()), expired


# -- what an import changes -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any  # as the file writes it
    new: Any


@dataclass(slots=True)
class Changed:
    name: str
    fields: list[FieldChange]


@dataclass(slots=True)
class Section:
    created: list[str] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.created or self.changed or self.removed)


@dataclass(slots=True)
class Diff:
    settings: list[FieldChange] = field(default_factory=list)
    groups: Section = field(default_factory=Section)
    saved_messages: Section = field(default_factory=Section)
    panels: Section = field(default_factory=Section)
    tags: Section = field(default_factory=Section)
    blacklist: Section = field(default_factory=Section)
    kept: list[tuple[str, int]] = field(
        default_factory=list
    )  # groups left out of the file, with open tickets

    @property
    def empty(self) -> bool:
        sections = (self.groups, self.saved_messages, self.panels, self.tags, self.blacklist)
        return not self.settings and all(s.empty for s in sections)

    def counts(self) -> dict[str, dict[str, int]]:
        """How many of each kind are created, changed and removed (the audit trail's summary)."""
        return {
            name: {"created": len(s.created), "changed": len(s.changed), "removed": len(s.removed)}
            for name, s in (
                ("groups", self.groups),
                ("saved_messages", self.saved_messages),
                ("panels", self.panels),
                ("tags", self.tags),
                ("blacklist", self.blacklist),
            )
        } | {"settings": {"changed": len(self.settings)}}


@dataclass(slots=True)
class Plan:
    """What importing a document into one server does: the configuration it ends with, and the diff."""

    desired: Document
    diff: Diff
    dropped: list[Dropped]
    expired: list[BlockSpec]
    problems: list[Problem]  # the import cannot go ahead in this server

    @property
    def ready(self) -> bool:
        return not self.problems and not self.diff.empty


def _fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    return [FieldChange(key, old.get(key), value) for key, value in new.items() if old.get(key) != value]


def _section(
    current: Sequence[Any],
    desired: Sequence[Any],
    encode_one: Callable[[Any], dict[str, Any]],
    key: Callable[[Any], Any],
    label: Callable[[Any], str],
    keep: Callable[[Any], bool] = lambda _: False,
) -> Section:
    have = {key(item): item for item in current}
    want = {key(item) for item in desired}
    section = Section()
    for item in desired:
        old = have.get(key(item))
        if old is None:
            section.created.append(label(item))
            continue
        changes = _fields(encode_one(old), encode_one(item))
        if changes:
            section.changed.append(Changed(label(item), changes))
    section.removed = [label(item) for k, item in have.items() if k not in want and not keep(item)]
    return section


def _block_label(block: BlockSpec) -> str:
    return f"<@{block.target_id}>" if block.kind == "member" else f"<@&{block.target_id}>"


def plan_import(
    document: Document,
    current: Document,
    target: Target,
    *,
    open_tickets: Mapping[str, int],
    posted: Set[str],
    now: datetime,
) -> Plan:
    """What importing ``document`` over ``current`` does in the server ``target`` describes.

    ``open_tickets``: open tickets per group (by folded name), so a group the file leaves out but that
    still has open tickets is kept; ``posted``: panels (folded names) whose message is posted, which stay
    where they are posted.
    """
    desired, dropped, expired = _resolve(document, target, now)
    current = copy.deepcopy(current)
    _spell_references(current, desired)  # a reference to a group renamed in case only is unchanged
    problems: list[Problem] = []
    current_groups = {fold(g.name): g for g in current.groups}
    for index, group in enumerate(desired.groups):
        here = current_groups.get(fold(group.name))
        mode = group.values["mode"]
        if here is not None and here.values["mode"] is not mode:
            problems.append(
                Problem(
                    desired.line(("groups", index, "mode")),
                    where_text(("groups", index, "mode")),
                    messages.IO_MODE_FIXED.format(
                        name=here.name, mode=messages.GROUP_MODE_WORDS[str(here.values["mode"])]
                    ),
                )
            )
        if mode is GroupMode.THREAD and group.values["parent_channel_id"] is None:
            problems.append(
                Problem(
                    desired.line(("groups", index, "parent_channel_id")),
                    where_text(("groups", index, "parent_channel_id")),
                    messages.IO_PARENT_MISSING,
                )
            )
    current_panels = {fold(p.name): p for p in current.panels}
    for panel in desired.panels:
        here = current_panels.get(fold(panel.name))
        if here is not None and fold(here.name) in posted:
            panel.channel_id = here.channel_id  # a posted panel stays where it is posted
    wanted = {fold(g.name) for g in desired.groups}
    kept = [
        (g.name, open_tickets[fold(g.name)])
        for g in current.groups
        if fold(g.name) not in wanted and open_tickets.get(fold(g.name), 0) > 0
    ]
    by_name: Callable[[Any], str] = lambda item: fold(item.name)  # noqa: E731
    named: Callable[[Any], str] = lambda item: item.name  # noqa: E731
    block_key: Callable[[BlockSpec], tuple[str, int]] = lambda b: (b.kind, b.target_id)  # noqa: E731
    diff = Diff(
        settings=_fields(encode_settings(current.settings), encode_settings(desired.settings)),
        groups=_section(
            current.groups,
            desired.groups,
            encode_group,
            by_name,
            named,
            keep=lambda g: open_tickets.get(fold(g.name), 0) > 0,
        ),
        saved_messages=_section(
            current.saved_messages, desired.saved_messages, encode_content, by_name, named
        ),
        panels=_section(current.panels, desired.panels, encode_panel, by_name, named),
        tags=_section(current.tags, desired.tags, encode_content, by_name, named),
        blacklist=_section(current.blacklist, desired.blacklist, encode_block, block_key, _block_label),
        kept=kept,
    )
    return Plan(desired, diff, dropped, expired, problems)


def group_values(
    spec: GroupSpec, message_ids: Mapping[str, int], tag_ids: Mapping[str, int]
) -> dict[str, Any]:
    """Every configuration field of the group as TicketGroup names it, the names resolved to ids."""
    values = dict(spec.values)
    values["name"] = spec.name
    saved = spec.opening_saved_message
    values["opening_message_id"] = message_ids[fold(saved)] if saved is not None else None
    values["auto_replies"] = [_rule_in(rule, tag_ids) for rule in spec.auto_replies]
    return values
