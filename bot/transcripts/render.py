"""Transcripts as JSON (Ticketeer's shape), a self-contained HTML page that looks like Discord, and text.

Rendering is streaming: messages arrive one at a time from an iterator and are written straight to the
output, so memory does not grow with the ticket's length. Output may be split into parts of at most
``max_part`` bytes (each part a complete file), so a transcript always fits an upload limit.
"""

from __future__ import annotations

import base64
import html
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from bot import i18n, messages
from bot.domain.lifecycle import status_word
from bot.domain.models import TicketStatus
from bot.domain.text import safe_filename
from bot.transcripts.markdown import AHEAD, Markdown, resolve_references
from storage.messages import ArchivedAttachment, ArchivedMessage

STAFF, OWNER = "staff", "owner"
FORMATS = ("html", "json", "text")
STATUSES = frozenset(status.value for status in TicketStatus)
EXTENSIONS = {"html": "html", "json": "json", "text": "txt"}


@dataclass(slots=True)
class Context:
    """Everything a transcript shows besides its messages (plain data, already collected)."""

    guild: dict[str, Any]
    group: dict[str, Any]
    ticket: dict[str, Any]
    channel_members: list[dict[str, Any]]
    thread_members: list[dict[str, Any]]
    audience: str = STAFF
    names: dict[tuple[str, int], str] = field(default_factory=dict)
    generated_at: str = ""
    language: str = i18n.SOURCE  # the server's: every label and time is written in it
    _markdown: Markdown | None = field(default=None, repr=False, compare=False)

    def lookup(self, kind: str, ident: int) -> str | None:
        return self.names.get((kind, ident))

    def markdown(self, text: str) -> str:
        """``text`` as safe HTML (one renderer per transcript, which remembers repeated messages)."""
        if self._markdown is None:
            self._markdown = Markdown(self.lookup)
        return self._markdown(text)


Messages = Callable[[str], Iterable[ArchivedMessage]]  # by source: "ticket" or "notes"
Inline = Callable[[ArchivedAttachment], bytes | None]
Linked = Callable[[ArchivedAttachment], None]


def attachment_entry(attachment: ArchivedAttachment) -> str:
    """Where a stored attachment goes in a transcript's zip (a safe name; the HTML links to it)."""
    return f"attachments/{attachment.attachment_id}-{safe_filename(attachment.filename)}"


def sources(audience: str) -> list[str]:
    return ["ticket", "notes"] if audience == STAFF else ["ticket"]


def _visible_content(message: ArchivedMessage, audience: str) -> str | None:
    """None when this reader may not see the content (a deleted message in the owner's copy)."""
    if message.deleted_at and audience != STAFF:
        return None
    return message.content


# -- writing in parts ---------------------------------------------------------------------------------


class PartWriter:
    """Writes chunks to ``<stem>.<ext>`` or, past ``max_part`` bytes, ``<stem>-partN.<ext>`` files."""

    def __init__(
        self,
        folder: Path,
        stem: str,
        ext: str,
        max_part: int | None,
        opening: Callable[[int], str],
        closing: Callable[[int], str],
    ) -> None:
        self.folder, self.stem, self.ext, self.max_part = folder, stem, ext, max_part
        self.opening, self.closing = opening, closing
        self.paths: list[Path] = []
        self._handle: IO[bytes] | None = None
        self._size = 0
        self._in_part = 0

    def _start(self) -> None:
        path = self.folder / f"{self.stem}-part{len(self.paths) + 1}.{self.ext}"
        self.paths.append(path)
        self._handle = path.open("wb")
        self._size = 0
        self._in_part = 0
        self._raw(self.opening(len(self.paths)))

    def _raw(self, text: str) -> None:
        assert self._handle is not None
        data = text.encode()
        self._handle.write(data)
        self._size += len(data)

    def write(self, chunk: str) -> None:
        """Write one item (a message); starts a new part first if this one would overflow the current."""
        if self._handle is None:
            self._start()
        size = len(chunk.encode())
        reserve = len(self.closing(len(self.paths)).encode())
        if self.max_part and self._in_part and self._size + size + reserve > self.max_part:
            self._finish_part()
            self._start()
        self._raw(chunk)
        self._in_part += 1

    def _finish_part(self) -> None:
        if self._handle is not None:
            self._raw(self.closing(len(self.paths)))
            self._handle.close()
            self._handle = None

    def close(self) -> list[Path]:
        if self._handle is None:
            self._start()
        self._finish_part()
        if len(self.paths) == 1:
            single = self.folder / f"{self.stem}.{self.ext}"
            self.paths[0].replace(single)
            self.paths = [single]
        return self.paths


# -- JSON ------------------------------------------------------------------------------------------------


def _author(message: ArchivedMessage) -> dict[str, Any]:
    return {
        "id": str(message.author_id),
        "name": message.author_name,
        "avatar": message.author_avatar,
        "bot": message.author_bot,
    }


def attachment_json(attachment: ArchivedAttachment) -> dict[str, Any]:
    return {
        "id": str(attachment.attachment_id),
        "name": attachment.filename,
        "hash": attachment.sha256,
        "mime": attachment.mime,
        "size": attachment.size,
        "url": attachment.url,
        "encrypted": attachment.encrypted,
        "stored": attachment.status == "stored",
    }


def message_json(message: ArchivedMessage, audience: str) -> dict[str, Any]:
    content = _visible_content(message, audience)
    data: dict[str, Any] = {
        "id": str(message.message_id),
        "channel_id": str(message.channel_id),
        "author": _author(message),
        "content": content if content is not None else "",
        "embeds": message.embeds if content is not None else [],
        "attachments": [str(a.attachment_id) for a in message.attachments] if content is not None else [],
        "reference_id": str(message.reference_id) if message.reference_id else None,
        "created_at": message.created_at,
        "edited_at": message.edited_at,
        "deleted_at": message.deleted_at,
    }
    if audience == STAFF:
        data["edits"] = message.revisions
    return data


def _head(ctx: Context) -> dict[str, Any]:
    return {
        "guild": ctx.guild,
        "group": ctx.group,
        "ticket": ctx.ticket,
        "generated_at": ctx.generated_at,
        "audience": ctx.audience,
    }


SECTIONS = (("ticket", "channel"), ("notes", "thread"))


def render_json(
    ctx: Context, messages_of: Messages, folder: Path, stem: str, max_part: int | None = None
) -> list[Path]:
    """Ticketeer's transcript response: guild, group, ticket, members, messages and attachments."""
    path = folder / f"{stem}.json"
    visible = sources(ctx.audience)
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(_head(ctx), ensure_ascii=False)[:-1])
        for source, key in SECTIONS:
            members = (
                (ctx.channel_members if key == "channel" else ctx.thread_members) if source in visible else []
            )
            out.write(f', "{key}_members": {json.dumps(members, ensure_ascii=False)}, "{key}_messages": [')
            for i, message in enumerate(messages_of(source) if source in visible else []):
                out.write(
                    ("," if i else "") + json.dumps(message_json(message, ctx.audience), ensure_ascii=False)
                )
            out.write(f'], "{key}_message_attachments": [')
            first = True
            for message in messages_of(source) if source in visible else []:
                if _visible_content(message, ctx.audience) is None:
                    continue
                for attachment in message.attachments:
                    out.write(
                        ("" if first else ",") + json.dumps(attachment_json(attachment), ensure_ascii=False)
                    )
                    first = False
            out.write("]")
        out.write("}")
    if max_part is None or path.stat().st_size <= max_part:
        return [path]
    path.unlink()
    return _json_parts(ctx, messages_of, folder, stem, max_part)


def _json_parts(ctx: Context, messages_of: Messages, folder: Path, stem: str, max_part: int) -> list[Path]:
    """The same document cut into parts that each fit ``max_part`` (memory holds at most one part)."""
    paths: list[Path] = []
    head = _head(ctx)
    for source, key in SECTIONS:
        if source not in sources(ctx.audience):
            continue
        members = ctx.channel_members if key == "channel" else ctx.thread_members
        overhead = (
            len(json.dumps(head, ensure_ascii=False)) + len(json.dumps(members, ensure_ascii=False)) + 200
        )
        batch: list[str] = []
        files: list[str] = []
        size = 0
        first = True
        for message in messages_of(source):
            item = json.dumps(message_json(message, ctx.audience), ensure_ascii=False)
            extra = (
                [json.dumps(attachment_json(a), ensure_ascii=False) for a in message.attachments]
                if _visible_content(message, ctx.audience) is not None
                else []
            )
            grow = len(item.encode()) + sum(len(e.encode()) + 1 for e in extra) + 1
            if batch and size + grow + overhead > max_part:
                _append_part(paths, folder, stem, head, key, members if first else [], batch, files)
                batch, files, size, first = [], [], 0, False
            batch.append(item)
            files.extend(extra)
            size += grow
        if batch:
            _append_part(paths, folder, stem, head, key, members if first else [], batch, files)
    if not paths:
        paths.append(
            _write_part(folder / f"{stem}-part1.json", head, 1, "channel", ctx.channel_members, [], [])
        )
    return paths


def _append_part(
    paths: list[Path],
    folder: Path,
    stem: str,
    head: dict[str, Any],
    key: str,
    members: list[dict[str, Any]],
    batch: list[str],
    files: list[str],
) -> None:
    number = len(paths) + 1
    paths.append(_write_part(folder / f"{stem}-part{number}.json", head, number, key, members, batch, files))


def _write_part(
    path: Path,
    head: dict[str, Any],
    part: int,
    key: str,
    members: list[dict[str, Any]],
    batch: list[str],
    files: list[str],
) -> Path:
    opening = json.dumps({**head, "part": part, f"{key}_members": members}, ensure_ascii=False)[:-1]
    path.write_text(
        f'{opening}, "{key}_messages": [{",".join(batch)}], "{key}_message_attachments": '
        f"[{','.join(files)}]}}",
        encoding="utf-8",
    )
    return path


# -- text ---------------------------------------------------------------------------------------------------


def _text_line(message: ArchivedMessage, audience: str) -> str:
    stamp = i18n.moment(message.created_at, seconds=True)
    content = _visible_content(message, audience)
    bot = f" {messages.TX_TEXT_BOT}" if message.author_bot else ""
    lines = [f"[{stamp}] {message.author_name}{bot}:"]
    if content is None:
        lines.append(f"    {messages.TX_TEXT_MESSAGE_DELETED}")
    else:
        for line in (content or "").splitlines() or [""]:
            lines.append(f"    {line}")
        for embed in message.embeds:
            title = embed.get("title") or ""
            description = embed.get("description") or ""
            lines.append(f"    {messages.TX_TEXT_EMBED.format(title=title)}".rstrip())
            for line in description.splitlines():
                lines.append(f"      {line}")
            for fld in embed.get("fields") or []:
                lines.append(f"      {fld.get('name', '')}: {fld.get('value', '')}")
        for attachment in message.attachments:
            shown = messages.TX_TEXT_ATTACHMENT.format(
                name=attachment.filename, size=_size(attachment.size), digest=attachment.sha256 or "-"
            )
            lines.append(f"    {shown}")
        if message.deleted_at:
            lines.append(
                f"    {messages.TX_TEXT_DELETED_AT.format(when=i18n.moment(message.deleted_at, seconds=True))}"
            )
        if message.edited_at:
            lines.append(
                f"    {messages.TX_EDITED.format(when=i18n.moment(message.edited_at, seconds=True))}"
            )
        if audience == STAFF:
            for revision in message.revisions:
                when = i18n.moment(revision["replaced_at"], seconds=True)
                lines.append(f"    {messages.TX_TEXT_BEFORE.format(when=when, content=revision['content'])}")
    return "\n".join(lines) + "\n"


def render_text(
    ctx: Context, messages_of: Messages, folder: Path, stem: str, max_part: int | None = None
) -> list[Path]:
    with i18n.speaking(ctx.language):
        return _render_text(ctx, messages_of, folder, stem, max_part)


def _render_text(
    ctx: Context, messages_of: Messages, folder: Path, stem: str, max_part: int | None
) -> list[Path]:
    ticket = ctx.ticket
    owner_id = ticket["owner_id"]

    def opening(part: int) -> str:
        owner = ctx.lookup("user", int(owner_id)) or owner_id
        status = messages.TX_TEXT_OWNER.format(
            owner=owner, id=owner_id, status=_status(ticket), when=_generated(ctx)
        )
        header = f"{_title(ctx)} · {ctx.guild.get('name', '')}\n{status} ({messages.TX_TIMES_UTC})\n"
        return header + (f"({messages.TX_PART.format(part=part)})\n" if part > 1 else "") + "\n"

    writer = PartWriter(folder, stem, "txt", max_part, opening, lambda part: "")
    for source in sources(ctx.audience):
        if source == "notes":
            writer.write(f"\n=== {messages.TX_STAFF_NOTES} ===\n\n")
        for message in messages_of(source):
            writer.write(_text_line(message, ctx.audience))
    return writer.close()


def _title(ctx: Context) -> str:
    return messages.TX_TITLE.format(number=ctx.ticket["number"], group=ctx.group.get("name", ""))


def _status(ticket: dict[str, Any]) -> str:
    status = str(ticket.get("status", ""))
    return status_word(status) if status in STATUSES else status


def _generated(ctx: Context) -> str:
    return i18n.moment(ctx.generated_at) if ctx.generated_at else ""


def _size(size: int) -> str:
    return messages.TX_SIZE.format(size=i18n.decimal(size / 1024, "#,##0.0"))


# -- HTML --------------------------------------------------------------------------------------------------

CSS = """
:root{color-scheme:dark}body{margin:0;background:#313338;color:#dbdee1;font:15px/1.375 "gg sans","Noto Sans",
"Helvetica Neue",Helvetica,Arial,sans-serif}header{background:#2b2d31;padding:16px 24px;border-bottom:1px solid #1f2023}
header h1{margin:0 0 4px;font-size:20px;color:#f2f3f5}header .meta{color:#949ba4;font-size:13px}
main{padding:8px 0 32px}.section{margin:24px 16px 8px;color:#949ba4;font-size:12px;text-transform:uppercase;
letter-spacing:.02em;border-bottom:1px solid #3f4147;padding-bottom:4px}.msg{display:flex;padding:4px 16px;gap:16px}
.msg:hover{background:#2e3035}.avatar{width:40px;height:40px;border-radius:50%;flex:none;display:flex;align-items:center;
justify-content:center;font-weight:600;color:#fff;overflow:hidden}.avatar img{width:40px;height:40px}
.body{min-width:0;flex:1}.name{font-weight:600;color:#f2f3f5}.bot{background:#5865f2;color:#fff;font-size:10px;
padding:1px 4px;border-radius:3px;margin-left:4px;vertical-align:1px}.stamp{color:#949ba4;font-size:12px;margin-left:6px}
.content{white-space:normal;word-wrap:break-word}.edited{color:#949ba4;font-size:10px;margin-left:4px}
.deleted{opacity:.6}.deleted .content{text-decoration:line-through}.badge{color:#f23f43;font-size:11px;margin-left:6px}
.embed{border-left:4px solid #1e1f22;background:#2b2d31;border-radius:4px;padding:8px 12px;margin-top:4px;max-width:520px}
.embed .title{font-weight:600;color:#f2f3f5}.embed .field{margin-top:6px}.embed .fname{font-weight:600;font-size:13px}
.embed .footer{color:#949ba4;font-size:12px;margin-top:6px}.att{margin-top:4px}.att img{max-width:400px;max-height:300px;
border-radius:4px;display:block}.file{display:inline-block;background:#2b2d31;border:1px solid #1f2023;border-radius:4px;
padding:8px 12px}code{background:#2b2d31;padding:0 3px;border-radius:3px;font-family:Consolas,monospace;font-size:85%}
pre.code{background:#2b2d31;border:1px solid #1f2023;border-radius:4px;padding:8px;white-space:pre-wrap}
.mention{background:rgba(88,101,242,.3);color:#c9cdfb;border-radius:3px;padding:0 2px}blockquote{border-left:4px solid #4e5058;
margin:2px 0;padding-left:8px}.spoiler{background:#1e1f22;color:transparent}.spoiler:hover{color:inherit}
details{color:#949ba4;font-size:12px}a{color:#00a8fc}.body p{margin:0 0 2px}.body h1,.body h2,.body h3{margin:4px 0;
color:#f2f3f5}.body h1{font-size:20px}.body h2{font-size:18px}.body h3{font-size:16px}.subtext{display:block;color:#949ba4;
font-size:12px}.body ul,.body ol{margin:2px 0;padding-left:24px}
"""
BREATHE_EVERY = 0.002  # seconds of rendering between two moments the worker thread lets go of the GIL
PALETTE = ("#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#747f8d")


# Every <time> shows the server's language in UTC as written; in a browser that runs scripts this turns it
# into the reader's own time zone (the UTC text stays as the tooltip). It is the page's only script.
LOCAL_TIMES = (
    "<script>for(const t of document.querySelectorAll('time[datetime]')){const d=new Date(t.dateTime);"
    "if(!isNaN(d)){t.title=t.textContent;t.textContent=d.toLocaleString(document.documentElement.lang,"
    "{dateStyle:'medium',timeStyle:'short'})}}</script>"
)


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _time(value: str | None) -> str:
    """A time as ``<time>``: UTC in the server's language, the reader's local time once the page's script ran."""
    if not value:
        return ""
    return f'<time datetime="{_esc(value)}">{_esc(i18n.moment(value))} UTC</time>'


def _avatar(message: ArchivedMessage) -> str:
    initial = _esc((message.author_name or "?")[:1].upper())
    colour = PALETTE[message.author_id % len(PALETTE)]
    image = ""
    if message.author_avatar and message.author_avatar.startswith("https://"):
        image = f'<img src="{_esc(message.author_avatar)}" alt="" loading="lazy" onerror="this.remove()">'
    return f'<div class="avatar" style="background:{colour}">{initial}{image}</div>'


def render_ahead(content: str, embeds: list[dict[str, Any]]) -> tuple[str, str]:
    """A message's text and embeds as HTML, rendered when it is archived (in a worker thread): the
    expensive part of a transcript done once, as messages arrive. Mentions are named when the transcript
    is made (:func:`bot.transcripts.markdown.resolve_references`)."""
    return AHEAD(content), "".join(_embed_html(embed, AHEAD) for embed in embeds)


def _embed_html(embed: dict[str, Any], markdown: Callable[[str], str]) -> str:
    colour = embed.get("color")
    border = f' style="border-left-color:#{int(colour):06x}"' if isinstance(colour, int) else ""
    parts = [f'<div class="embed"{border}>']
    author = (embed.get("author") or {}).get("name")
    if author:
        parts.append(f'<div class="fname">{_esc(author)}</div>')
    if embed.get("title"):
        parts.append(f'<div class="title">{markdown(embed["title"])}</div>')
    if embed.get("description"):
        parts.append(f"<div>{markdown(embed['description'])}</div>")
    for fld in embed.get("fields") or []:
        parts.append(
            f'<div class="field"><div class="fname">{markdown(fld.get("name", ""))}</div>'
            f"<div>{markdown(fld.get('value', ''))}</div></div>"
        )
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        parts.append(f'<div class="footer">{_esc(footer)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _attachment_html(attachment: ArchivedAttachment, inline: Inline, linked: Linked | None) -> str:
    """An image inline; any other stored file linked to its zip entry (``linked`` is told, so the file
    is bundled); without ``linked`` (nothing is bundled) the file is named, unlinked."""
    name = _esc(attachment.filename)
    size = _esc(_size(attachment.size))
    stored = attachment.status == "stored" and bool(attachment.sha256)
    if stored and (attachment.mime or "").startswith("image/"):
        data = inline(attachment)
        if data is not None:
            encoded = base64.b64encode(data).decode()
            return f'<div class="att"><img src="data:{_esc(attachment.mime)};base64,{encoded}" alt="{name}"></div>'
    if stored and linked is not None:
        linked(attachment)
        link = _esc(quote(attachment_entry(attachment)))
        return f'<div class="att"><a class="file" href="{link}">📎 {name}</a> <span class="stamp">{size}</span></div>'
    if attachment.status == "stored":
        reason = messages.ATTACHMENT_NOT_IN_DOWNLOAD
    else:
        reason = messages.TX_ATTACHMENT_STATUS.get(attachment.status, attachment.status)
    return f'<div class="att"><span class="file">📎 {name}</span> <span class="stamp">{size} · {_esc(reason)}</span></div>'


def message_html(message: ArchivedMessage, ctx: Context, inline: Inline, linked: Linked | None = None) -> str:
    content = _visible_content(message, ctx.audience)
    classes = "msg deleted" if message.deleted_at else "msg"
    head = (
        f'<span class="name">{_esc(message.author_name)}</span>'
        + (f'<span class="bot">{_esc(messages.TX_BOT)}</span>' if message.author_bot else "")
        + f'<span class="stamp">{_time(message.created_at)}</span>'
    )
    if message.deleted_at:
        head += f'<span class="badge">{_esc(messages.TX_DELETED)}</span>'
    body = []
    if content is None:
        body.append(f'<div class="content"><em>{_esc(messages.TX_MESSAGE_DELETED)}</em></div>')
    else:
        edited = (
            f'<span class="edited">{messages.TX_EDITED.format(when=_time(message.edited_at))}</span>'
            if message.edited_at
            else ""
        )
        if message.content_html is not None and message.embeds_html is not None:  # rendered when archived
            text = resolve_references(message.content_html, ctx.lookup)
            embeds = resolve_references(message.embeds_html, ctx.lookup)
        else:
            text, embeds = (
                ctx.markdown(content),
                "".join(_embed_html(e, ctx.markdown) for e in message.embeds),
            )
        body.append(f'<div class="content">{text}{edited}</div>')
        body.append(embeds)
        body.extend(_attachment_html(a, inline, linked) for a in message.attachments)
        if ctx.audience == STAFF and message.revisions:
            items = "".join(
                f"<li>{_time(r['replaced_at'])}: {ctx.markdown(r['content'])}</li>" for r in message.revisions
            )
            summary = _esc(messages.TX_EARLIER_VERSIONS.format(count=len(message.revisions)))
            body.append(f"<details><summary>{summary}</summary><ul>{items}</ul></details>")
    return (
        f'<div class="{classes}" id="m{message.message_id}">{_avatar(message)}<div class="body">'
        f"<div>{head}</div>{''.join(body)}</div></div>\n"
    )


def render_html(
    ctx: Context,
    messages_of: Messages,
    folder: Path,
    stem: str,
    inline: Inline,
    max_part: int | None = None,
    linked: Linked | None = None,
) -> list[Path]:
    """The page (or its parts). Stored files not shown inline are linked to their zip entries when
    ``linked`` is given (it is told each one, to bundle them); otherwise they are only named."""
    with i18n.speaking(ctx.language):
        return _render_html(ctx, messages_of, folder, stem, inline, max_part, linked)


def _render_html(
    ctx: Context,
    messages_of: Messages,
    folder: Path,
    stem: str,
    inline: Inline,
    max_part: int | None,
    linked: Linked | None,
) -> list[Path]:
    ticket = ctx.ticket
    title = _esc(_title(ctx))
    lang = _esc(ctx.language.replace("_", "-"))

    def opening(part: int) -> str:
        suffix = f" ({_esc(messages.TX_PART.format(part=part))})" if part > 1 else ""
        owner = ctx.lookup("user", int(ticket["owner_id"])) or ticket["owner_id"]
        opened = ticket.get("opened_at")
        meta = " · ".join(
            [
                _esc(ctx.guild.get("name", "")),
                _esc(messages.TX_OWNER.format(owner=owner)),
                _esc(messages.TX_STATUS.format(status=_status(ticket))),
                *([messages.TX_OPENED.format(when=_time(opened))] if opened else []),
                _esc(messages.TX_STAFF_COPY if ctx.audience == STAFF else messages.TX_OWNER_COPY),
            ]
        )
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{title}{suffix}</title><style>{CSS}</style>'
            f'</head><body><header><h1>{title}{suffix}</h1><div class="meta">{meta}</div></header><main>\n'
        )

    def closing(part: int) -> str:
        generated = messages.TX_GENERATED.format(when=_time(ctx.generated_at)) if ctx.generated_at else ""
        return f'</main><footer class="section">{generated}</footer>{LOCAL_TIMES}</body></html>\n'

    writer = PartWriter(folder, stem, "html", max_part, opening, closing)
    breath = time.perf_counter()
    for source in sources(ctx.audience):
        section = messages.TX_CONVERSATION if source == "ticket" else messages.TX_STAFF_NOTES
        writer.write(f'<div class="section">{_esc(section)}</div>\n')
        for message in messages_of(source):
            writer.write(message_html(message, ctx, inline, linked))
            now = time.perf_counter()
            if now - breath > BREATHE_EVERY:  # hand the interpreter to the event loop's thread now
                time.sleep(0)  # (otherwise it waits 5 ms for it, again and again)
                breath = now
    return writer.close()


def render(
    fmt: str,
    ctx: Context,
    messages_of: Messages,
    folder: Path,
    stem: str,
    inline: Inline,
    max_part: int | None = None,
    linked: Linked | None = None,
) -> list[Path]:
    """Render ``fmt`` into ``folder``; returns the file or its parts (``linked``: see render_html)."""
    if fmt == "html":
        return render_html(ctx, messages_of, folder, stem, inline, max_part, linked)
    if fmt == "json":
        return render_json(ctx, messages_of, folder, stem, max_part)
    if fmt == "text":
        return render_text(ctx, messages_of, folder, stem, max_part)
    raise ValueError(f"unknown transcript format {fmt!r}")
