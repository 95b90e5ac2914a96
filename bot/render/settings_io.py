"""How ``/tickets export`` and ``/tickets import`` read: the file, the problems of a file, the preview of
what an import changes, and what it did."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.utils import escape_markdown

from bot import messages
from bot.domain.settings_io import (
    MAX_BLACKLIST,
    MAX_BYTES,
    MAX_GROUPS,
    MAX_PANELS,
    MAX_SAVED_MESSAGES,
    MAX_TAGS,
    Changed,
    Diff,
    Dropped,
    IdKind,
    Plan,
    Problem,
    Section,
)
from bot.domain.text import clip

EMBED_TEXT = 4000  # of the 4096 an embed's description holds
SHORT_VALUE = 40  # longer values are named as changed, not shown
PREVIEW_FILE = "import-preview.txt"
PROBLEMS_FILE = "import-problems.txt"
WHERE_SHOWN = 3


@dataclass(slots=True)
class Shown:
    """An answer: its text, an embed, and files."""

    content: str
    embed: discord.Embed | None = None
    files: list[discord.File] = field(default_factory=list)


def exported(text: str, filename: str, counts: dict[str, int], importable: bool) -> Shown:
    content = messages.IO_EXPORTED.format(
        groups=counts["groups"],
        saved=counts["saved_messages"],
        panels=counts["panels"],
        tags=counts["tags"],
        blacklist=counts["blacklist"],
    )
    if not importable:
        content += " " + messages.IO_EXPORT_NOT_IMPORTABLE.format(
            max=MAX_BYTES // 1024,
            groups=MAX_GROUPS,
            panels=MAX_PANELS,
            saved=MAX_SAVED_MESSAGES,
            tags=MAX_TAGS,
            blacklist=MAX_BLACKLIST,
        )
    return Shown(content, files=[discord.File(io.BytesIO(text.encode()), filename)])


def problem_line(problem: Problem) -> str:
    return messages.IO_PROBLEM.format(line=problem.line, where=problem.where, detail=problem.detail)


def _text_file(lines: Sequence[str], name: str) -> discord.File:
    return discord.File(io.BytesIO(("\n".join(lines) + "\n").encode()), name)


def _fitted(lines: list[str], file_name: str) -> tuple[str, list[discord.File]]:
    """The lines for an embed; when they do not fit, as many as do, and all of them in a file."""
    text = "\n".join(lines)
    if len(text) <= EMBED_TEXT:
        return text, []
    note = "\n" + messages.IO_SEE_FILE
    kept: list[str] = []
    used = len(note)
    for line in lines:
        line = clip(line, EMBED_TEXT // 2)
        if used + len(line) + 1 > EMBED_TEXT:
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept) + note, [_text_file(lines, file_name)]


def problems(found: Sequence[Problem], total: int) -> Shown:
    """The file's problems, each with its line; nothing was changed."""
    lines = [problem_line(p) for p in found]
    if total > len(found):
        lines.append(messages.IO_MORE_PROBLEMS.format(count=total - len(found)))
    text, files = _fitted(lines, PROBLEMS_FILE)
    embed = discord.Embed(title=messages.IO_PROBLEMS_TITLE, description=text, colour=discord.Colour.red())
    return Shown(messages.IO_NOT_IMPORTED.format(count=total), embed, files)


# -- the preview --------------------------------------------------------------------------------------


def _ids(values: Any, mention: str) -> str:
    return ", ".join(mention.format(id=v) for v in values) if values else messages.NONE


def _value(name: str, value: Any) -> str | None:
    """A field's value as a reader sees it; None when it is too long to show (the field is only named)."""
    if value is None:
        return messages.NONE
    if name.endswith("role_ids"):
        return _ids(value, "<@&{id}>")
    if name.endswith("category_ids"):
        return _ids(value, "<#{id}>")
    if name.endswith("_id") and isinstance(value, str):
        return f"<#{value}>"
    if isinstance(value, bool):
        return messages.YES if value else messages.NO
    if isinstance(value, int | str) and len(str(value)) <= SHORT_VALUE:
        return escape_markdown(str(value)) if isinstance(value, str) else str(value)
    if isinstance(value, list) and not value:
        return messages.NONE
    return None


def _change(change: Any) -> str:
    old, new = _value(change.field, change.old), _value(change.field, change.new)
    if old is None or new is None:
        return change.field
    return messages.IO_FIELD_CHANGE.format(field=change.field, old=old, new=new)


def _changed(item: Changed) -> str:
    return messages.IO_CHANGED_LINE.format(
        name=escape_markdown(item.name), fields="; ".join(_change(c) for c in item.fields)
    )


def _section(title: str, section: Section) -> list[str]:
    if section.empty:
        return []
    lines = [f"**{title}**"]
    lines += [messages.IO_CREATED_LINE.format(name=escape_markdown(n)) for n in section.created]
    lines += [_changed(c) for c in section.changed]
    lines += [messages.IO_REMOVED_LINE.format(name=escape_markdown(n)) for n in section.removed]
    return lines


def _dropped(item: Dropped) -> str:
    what = {
        IdKind.ROLE: messages.IO_KIND_ROLE,
        IdKind.CATEGORY: messages.IO_KIND_CATEGORY,
        IdKind.CHANNEL: messages.IO_KIND_CHANNEL,
    }[item.kind]
    where = ", ".join(item.where[:WHERE_SHOWN])
    if len(item.where) > WHERE_SHOWN:
        where += messages.IO_AND_MORE.format(count=len(item.where) - WHERE_SHOWN)
    return messages.IO_DROPPED_LINE.format(what=what, id=item.ident, where=where)


def diff_lines(plan: Plan) -> list[str]:
    """Everything the import changes, section by section; then what it leaves out."""
    diff: Diff = plan.diff
    lines: list[str] = []
    if diff.settings:
        lines.append(f"**{messages.IO_SECTION_SETTINGS}**")
        lines += [messages.IO_SETTING_LINE.format(change=_change(c)) for c in diff.settings]
    lines += _section(messages.IO_SECTION_GROUPS, diff.groups)
    lines += [
        messages.IO_KEPT_LINE.format(name=escape_markdown(name), count=count) for name, count in diff.kept
    ]
    lines += _section(messages.IO_SECTION_SAVED_MESSAGES, diff.saved_messages)
    lines += _section(messages.IO_SECTION_PANELS, diff.panels)
    lines += _section(messages.IO_SECTION_TAGS, diff.tags)
    lines += _section(messages.IO_SECTION_BLACKLIST, diff.blacklist)
    if plan.dropped:
        lines.append(f"**{messages.IO_SECTION_DROPPED}**")
        lines += [_dropped(d) for d in plan.dropped]
    if plan.expired:
        lines.append(f"**{messages.IO_SECTION_EXPIRED}**")
        lines.append(
            ", ".join(
                f"<@{b.target_id}>" if b.kind == "member" else f"<@&{b.target_id}>" for b in plan.expired
            )
        )
    return lines


def preview(plan: Plan, *, filename: str, loses_admin: bool) -> Shown:
    """What the import changes; nothing changes until the admin confirms."""
    lines = diff_lines(plan)
    if not plan.diff.panels.empty or plan.diff.groups.changed:
        lines.append(messages.IO_PANELS_NOTE)
    text, files = _fitted(lines, PREVIEW_FILE)
    embed = discord.Embed(title=messages.IO_PREVIEW_TITLE, description=text, colour=discord.Colour.blurple())
    content = messages.IO_PREVIEW.format(filename=escape_markdown(filename), button=messages.IO_CONFIRM)
    if loses_admin:
        content += "\n" + messages.IO_LOSES_ADMIN
    return Shown(content, embed, files)


def nothing_to_change(plan: Plan) -> Shown:
    lines = diff_lines(plan)  # only what was left out, if anything
    embed = None
    if lines:
        text, _ = _fitted(lines, PREVIEW_FILE)
        embed = discord.Embed(
            title=messages.IO_PREVIEW_TITLE, description=text, colour=discord.Colour.blurple()
        )
    return Shown(messages.IO_NOTHING_TO_CHANGE, embed)


def imported(diff: Diff, kept: Sequence[tuple[str, int]], refreshed: int, removed_posts: int) -> str:
    """What the import did, in a sentence or three (shown in place of the confirmation)."""
    counts = diff.counts()
    created = sum(c.get("created", 0) for c in counts.values())
    changed = sum(c.get("changed", 0) for c in counts.values())
    removed = sum(c.get("removed", 0) for c in counts.values())
    text = messages.IO_IMPORTED.format(created=created, changed=changed, removed=removed)
    if kept:
        names = ", ".join(
            messages.IO_KEPT_NAME.format(name=escape_markdown(name), count=count) for name, count in kept
        )
        text += " " + messages.IO_IMPORTED_KEPT.format(groups=names)
    if refreshed:
        text += " " + messages.IO_IMPORTED_REFRESHED.format(count=refreshed)
    if removed_posts:
        text += " " + messages.IO_IMPORTED_REMOVED_POSTS.format(count=removed_posts)
    return text
