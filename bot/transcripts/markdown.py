"""Discord's markdown, rendered to safe HTML (everything is escaped first)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime

_CODE_BLOCK = re.compile(r"```(?:([\w+-]{1,20})\n)?(.*?)```", re.S)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_UNDERLINE = re.compile(r"__(.+?)__", re.S)
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])", re.S)
_STRIKE = re.compile(r"~~(.+?)~~", re.S)
_SPOILER = re.compile(r"\|\|(.+?)\|\|", re.S)
_LINK = re.compile(r"(https?://[^\s<>&\"']+(?:&amp;[^\s<>&\"']+)*)")
_USER = re.compile(r"&lt;@!?(\d{15,21})&gt;")
_ROLE = re.compile(r"&lt;@&amp;(\d{15,21})&gt;")
_CHANNEL = re.compile(r"&lt;#(\d{15,21})&gt;")
_EMOJI = re.compile(r"&lt;a?:(\w{1,32}):(\d{15,21})&gt;")
_TIME = re.compile(r"&lt;t:(-?\d{1,13})(?::[tTdDfFR])?&gt;")
_QUOTE = re.compile(r"^&gt; ?(.*)$", re.M)
_HEADING = re.compile(r"^(#{1,3}) (.+)$", re.M)

Lookup = Callable[[str, int], str | None]


def render(text: str, lookup: Lookup | None = None) -> str:
    """Escape, then render code blocks, inline code, emphasis, spoilers, quotes, headings, links, mentions."""
    lookup = lookup or (lambda kind, ident: None)
    escaped = html.escape(text, quote=True)
    blocks: list[str] = []

    def keep(fragment: str) -> str:
        blocks.append(fragment)
        return f"\x00{len(blocks) - 1}\x00"

    escaped = _CODE_BLOCK.sub(
        lambda m: keep(f'<pre class="code"><code>{m.group(2).strip(chr(10))}</code></pre>'), escaped
    )
    escaped = _INLINE_CODE.sub(lambda m: keep(f"<code>{m.group(1)}</code>"), escaped)
    escaped = _LINK.sub(
        lambda m: keep(f'<a href="{m.group(1)}" rel="noopener noreferrer">{m.group(1)}</a>'), escaped
    )
    escaped = _USER.sub(
        lambda m: keep(_mention("@", lookup("user", int(m.group(1))) or "unknown user")), escaped
    )
    escaped = _ROLE.sub(
        lambda m: keep(_mention("@", lookup("role", int(m.group(1))) or "unknown role")), escaped
    )
    escaped = _CHANNEL.sub(
        lambda m: keep(_mention("#", lookup("channel", int(m.group(1))) or "unknown channel")), escaped
    )
    escaped = _EMOJI.sub(lambda m: keep(f'<span class="emoji">:{m.group(1)}:</span>'), escaped)
    escaped = _TIME.sub(
        lambda m: keep(f'<span class="time" data-ts="{m.group(1)}">{_utc(int(m.group(1)))}</span>'), escaped
    )
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    escaped = _UNDERLINE.sub(r"<u>\1</u>", escaped)
    escaped = _ITALIC.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", escaped)
    escaped = _STRIKE.sub(r"<s>\1</s>", escaped)
    escaped = _SPOILER.sub(r'<span class="spoiler">\1</span>', escaped)
    escaped = _HEADING.sub(lambda m: f'<span class="h{len(m.group(1))}">{m.group(2)}</span>', escaped)
    escaped = _QUOTE.sub(r'<span class="quote">\1</span>', escaped)
    escaped = escaped.replace("\n", "<br>")
    return re.sub(r"\x00(\d+)\x00", lambda m: blocks[int(m.group(1))], escaped)


def _mention(sigil: str, name: str) -> str:
    return f'<span class="mention">{sigil}{html.escape(name)}</span>'


def _utc(seconds: int) -> str:
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return str(seconds)
