"""Discord's markdown rendered to safe HTML, by markdown-it-py with Discord's rules.

markdown-it-py parses in linear time (its emphasis, link and code span rules are built against the
CommonMark pathological cases) and escapes every piece of text it writes; raw HTML is off, so nothing a
member types reaches the page unescaped. On top of its CommonMark core this module keeps only what
Discord shows and adds what Discord has:

* blocks: code blocks (```lang ... ```, closed on their own line or at the end of one), headings
  ``#``/``##``/``###``, subtext ``-#``, block quotes ``>`` (that line) and ``>>>`` (the rest of the
  message; quotes do not nest), lists, paragraphs;
* inline: escapes (``\\*x\\*``), inline code, bold, italic, underline ``__x__``, strikethrough
  ``~~x~~``, spoilers ``||x||``, masked links ``[text](url)`` and bare links (http and https only),
  user, role and channel mentions, slash command mentions, custom emoji and timestamps ``<t:...>``.

No CommonMark-only syntax is active: no raw HTML, entities (``&amp;`` shows as typed), images,
reference links, tables, setext headings or indented code.

The parser's work grows with the markup characters in a message (line breaks included), about 10 µs
each at worst: a message with more than ``MARKUP_BUDGET`` of them outside code blocks (real formatting
seldom needs that many; a message built to be slow does) is shown as typed, escaped, with its line
breaks. Plain text skips the
parser, and a transcript's renderer remembers the messages it has seen (spam repeats itself).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from html import escape as _html_escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

Lookup = Callable[[str, int], str | None]

# -- blocks ------------------------------------------------------------------------------------------------

_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]{1,20}")
_HEADING = re.compile(r"(#{1,3}|-#) +\S")
_QUOTE_NESTED = "discord_in_quote"


def _line(state: StateBlock, line: int) -> tuple[int, int]:
    """The first non-space position and the end of ``line``."""
    return state.bMarks[line] + state.tShift[line], state.eMarks[line]


def _fence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """```lang\\ncode``` : the closing backticks may end a line of code, as in Discord."""
    pos, end = _line(state, start_line)
    src = state.src
    if state.sCount[start_line] - state.blkIndent >= 4 or not src.startswith("```", pos):
        return False
    first = pos + 3
    close_line, close_at = start_line, src.find("```", first, end)
    while close_at < 0:
        close_line += 1
        if close_line >= end_line:
            return False  # never closed: Discord shows the backticks as they are
        line_start, line_end = state.bMarks[close_line], state.eMarks[close_line]
        close_at = src.find("```", line_start, line_end)
    if silent:
        return True
    if close_line == start_line:
        body = src[first:close_at]
        language = ""
    else:
        head = src[first:end]
        language = head.strip() if _LANGUAGE.fullmatch(head.strip()) else ""
        lines = [] if language or not head.strip() else [head]
        lines += [src[state.bMarks[n] : state.eMarks[n]] for n in range(start_line + 1, close_line)]
        last = src[state.bMarks[close_line] : close_at]
        if last.strip():
            lines.append(last)
        body = "\n".join(lines)
    token = state.push("fence", "code", 0)
    token.info = language
    token.content = body
    token.markup = "```"
    token.map = [start_line, close_line + 1]
    state.line = close_line + 1
    rest = src[close_at + 3 : state.eMarks[close_line]].strip()
    if rest:  # text after the closing backticks reads on as a paragraph
        state.push("paragraph_open", "p", 1)
        inline = state.push("inline", "", 0)
        inline.content = rest
        inline.map = [close_line, close_line + 1]
        inline.children = []
        state.push("paragraph_close", "p", -1)
    return True


def _heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``# `` to ``### `` headings and ``-# `` subtext: one line each, nothing else (no ``####``)."""
    pos, end = _line(state, start_line)
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    found = _HEADING.match(state.src, pos, end)
    if found is None:
        return False
    if silent:
        return True
    marker = found.group(1)
    tag, attrs = ("small", {"class": "subtext"}) if marker == "-#" else (f"h{len(marker)}", {})
    opening = state.push("heading_open", tag, 1)
    opening.markup = marker
    opening.attrs = attrs
    opening.map = [start_line, start_line + 1]
    inline = state.push("inline", "", 0)
    inline.content = state.src[found.end() - 1 : end].strip()
    inline.map = [start_line, start_line + 1]
    inline.children = []
    state.push("heading_close", tag, -1).markup = marker
    state.line = start_line + 1
    return True


def _quote_marker(state: StateBlock, line: int) -> int:
    """3 for ``>>> ``, 1 for ``> ``, 0 otherwise (the marker needs a space or the end of the line)."""
    pos, end = _line(state, line)
    src = state.src
    for size in (3, 1):
        if src.startswith(">" * size, pos) and (pos + size == end or src[pos + size] in " \t"):
            return size
    return 0


def _quote(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``> `` quotes its line (and the ``> `` lines right after); ``>>> `` quotes the rest."""
    if state.env.get(_QUOTE_NESTED) or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    marker = _quote_marker(state, start_line)
    if not marker:
        return False
    if silent:
        return True
    last = end_line if marker == 3 else start_line + 1
    if marker == 1:
        while last < end_line and _quote_marker(state, last) == 1:
            last += 1
    saved = [
        (state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n]) for n in range(start_line, last)
    ]
    for n in range(start_line, last):
        if n == start_line or marker == 1:
            begin = state.bMarks[n] + state.tShift[n] + (marker if n == start_line else 1)
        else:
            begin = state.bMarks[n]
        indent = 0
        while begin + indent < state.eMarks[n] and state.src[begin + indent] in " \t":
            indent += 1
        state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n] = begin, indent, indent, 0
    old_max, old_indent, old_parent = state.lineMax, state.blkIndent, state.parentType
    state.lineMax, state.blkIndent, state.parentType = last, 0, "blockquote"
    opening = state.push("blockquote_open", "blockquote", 1)
    opening.markup = ">" * marker
    opening.map = [start_line, last]
    state.env[_QUOTE_NESTED] = True
    try:
        state.md.block.tokenize(state, start_line, last)
    finally:
        state.env[_QUOTE_NESTED] = False
        state.lineMax, state.blkIndent, state.parentType = old_max, old_indent, old_parent
        for n, marks in zip(range(start_line, last), saved, strict=True):
            state.bMarks[n], state.tShift[n], state.sCount[n], state.bsCount[n] = marks
    state.push("blockquote_close", "blockquote", -1).markup = ">" * marker
    state.line = last
    return True


# -- inline -------------------------------------------------------------------------------------------------

# the characters an inline rule below starts at; any other run of text is taken in one step
_TERMINATORS = re.compile(r"[\n\\`*_~|\[\]<:!]")
_ANGLE = re.compile(
    r"<(?:"
    r"@!?(?P<user>\d{15,21})|@&(?P<role>\d{15,21})|#(?P<channel>\d{15,21})"
    r"|(?P<animated>a?):(?P<emoji>\w{1,32}):(?P<emoji_id>\d{15,21})"
    r"|t:(?P<time>-?\d{1,13})(?::(?P<style>[tTdDfFsSR]))?"
    r"|/(?P<command>[\w-]{1,32}(?: [\w-]{1,32}){0,2}):(?P<command_id>\d{15,21})"
    r"|(?P<url>https?://[^\s<>]+)"
    r")>"
)
_SCHEME = re.compile(r"(?:^|[^A-Za-z0-9])(https?)$", re.I)
_BARE_URL = re.compile(r"://[^\s<]*[^\s<.,:;\"')\]*_~|]")


def _text(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    found = _TERMINATORS.search(state.src, pos, state.posMax)
    end = found.start() if found else state.posMax
    if end == pos:
        return False
    if not silent:
        state.append_pending(state.src[pos:end])
    state.pos = end
    return True


def _spoiler(state: StateInline, silent: bool) -> bool:
    """``||hidden||``: the text between is parsed as usual, inside a spoiler."""
    start = state.pos
    src = state.src
    if not src.startswith("||", start):
        return False
    close = src.find("||", start + 2, state.posMax)
    while close == start + 2:  # "||||": nothing to hide; look further
        close = src.find("||", close + 1, state.posMax)
    if close < 0:
        return False
    if not silent:
        old_max = state.posMax
        state.push("spoiler_open", "span", 1).attrs = {"class": "spoiler"}
        state.pos, state.posMax = start + 2, close
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("spoiler_close", "span", -1)
    state.pos = close + 2
    return True


def _angle(state: StateInline, silent: bool) -> bool:
    """Mentions, custom emoji, timestamps, slash commands and ``<https://...>`` links."""
    if state.src[state.pos] != "<":
        return False
    found = _ANGLE.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    url = found.group("url")
    if url is not None:
        if state.linkLevel > 0 or not _push_link(state, url, silent):
            return False
    elif not silent:
        token = state.push("discord", "", 0)
        token.meta = {k: v for k, v in found.groupdict().items() if v is not None}
    state.pos = found.end()
    return True


def _bare_url(state: StateInline, silent: bool) -> bool:
    """``https://...`` in text becomes a link, as Discord does (the scheme is already pending text)."""
    if state.linkLevel > 0 or state.src[state.pos] != ":":
        return False
    scheme = _SCHEME.search(state.pending[-6:] if len(state.pending) > 6 else state.pending)
    if scheme is None:
        return False
    found = _BARE_URL.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    url = scheme.group(1) + found.group()
    if silent:
        state.pos = found.end()
        return True
    state.pending = state.pending[: -len(scheme.group(1))]
    if not _push_link(state, url, silent):
        state.pending += scheme.group(1)
        return False
    state.pos = found.end()
    return True


def _push_link(state: StateInline, url: str, silent: bool) -> bool:
    href = state.md.normalizeLink(url)
    if not state.md.validateLink(href):
        return False
    if not silent:
        state.push("link_open", "a", 1).attrs = {"href": href}
        state.push("text", "", 0).content = url
        state.push("link_close", "a", -1)
    return True


def _http_only(url: str) -> bool:
    return url[:8].lower().startswith(("http://", "https://"))


def _underline(state: Any) -> None:
    """Discord reads ``__x__`` as underline (CommonMark: bold)."""
    for block in state.tokens:
        for token in block.children or ():
            if token.markup == "__" and token.type in ("strong_open", "strong_close"):
                token.tag = "u"


# -- rendering -------------------------------------------------------------------------------------------------


def _utc(seconds: int) -> str:
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return str(seconds)


def _nobody(kind: str, ident: int) -> str | None:
    return None


_SIGILS = {"user": "@", "role": "@", "channel": "#"}
# A mention rendered before its name is known (a message archived as it arrives): the name is filled in
# when the transcript is made. Typed text can never produce it: every "<" a member types is escaped.
_REFERENCE = re.compile(r'<td-ref k="(user|role|channel)" i="(\d{1,20})"></td-ref>')


def mention(kind: str, name: str | None) -> str:
    return f'<span class="mention">{_SIGILS[kind]}{escapeHtml(name or f"unknown {kind}")}</span>'


def resolve_references(html: str, lookup: Lookup) -> str:
    """Fill the names into the mentions of HTML rendered ahead (see :func:`render_ahead`)."""
    if "<td-ref" not in html:
        return html
    return _REFERENCE.sub(lambda m: mention(m.group(1), lookup(m.group(1), int(m.group(2)))), html)


def _render_discord(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    lookup: Lookup | None = env.get("lookup")
    for kind in _SIGILS:
        if kind in meta:
            if lookup is None:
                return f'<td-ref k="{kind}" i="{int(meta[kind])}"></td-ref>'
            return mention(kind, lookup(kind, int(meta[kind])))
    if "emoji" in meta:
        return f'<span class="emoji">:{escapeHtml(meta["emoji"])}:</span>'
    if "time" in meta:
        return f'<span class="time" data-ts="{meta["time"]}">{_utc(int(meta["time"]))}</span>'
    return f'<span class="mention">/{escapeHtml(meta["command"])}</span>'


def _render_link(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f'<a href="{escapeHtml(str(tokens[idx].attrs["href"]))}" rel="noopener noreferrer">'


def _render_fence(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    language = f' data-lang="{escapeHtml(token.info)}"' if token.info else ""
    return f'<pre class="code"{language}><code>{escapeHtml(token.content)}</code></pre>\n'


def _build() -> MarkdownIt:
    md = MarkdownIt("zero", {"breaks": True, "html": False, "linkify": False, "maxNesting": 20})
    md.enable(["list", "newline", "escape", "backticks", "strikethrough", "emphasis", "link"])
    md.validateLink = _http_only  # type: ignore[method-assign]
    md.normalizeLink = functools.lru_cache(maxsize=1024)(md.normalizeLink)  # type: ignore[method-assign]
    block = md.block.ruler
    block.before("list", "discord_fence", _fence, {"alt": ["paragraph", "list"]})
    block.before("list", "discord_quote", _quote, {"alt": ["paragraph", "list"]})
    block.before("list", "discord_heading", _heading, {"alt": ["paragraph", "list"]})
    inline = md.inline.ruler
    inline.at("text", _text)
    inline.after("strikethrough", "discord_spoiler", _spoiler)
    inline.after("link", "discord_angle", _angle)
    inline.after("discord_angle", "discord_url", _bare_url)
    md.core.ruler.push("discord_underline", _underline)
    md.add_render_rule("discord", _render_discord)
    md.add_render_rule("link_open", _render_link)
    md.add_render_rule("fence", _render_fence)
    md.render("warm *the* __rule__ ||caches|| <t:0>")  # compile every rule chain before threads share it
    return md


_MD = _build()

MARKUP_BUDGET = 128  # markup characters (outside code blocks) a message may have and still be parsed
MEMO_ENTRIES = 1024  # rendered messages a transcript's renderer remembers
MEMO_MAX_CHARS = 4096  # longer texts are not remembered

# Plain text (no character any rule reacts to, no blank line): escaped directly, the same HTML the
# parser would write, many times faster.
_NEEDS_PARSER = re.compile(r"[\\`*_~|<\[:\r\x00]|\n[ \t]*\n|^[ \t]*(?:[>#+-]|\d{1,9}[.)])", re.M)
_MARKUP = re.compile(r"[\n\\`*_~|\[\]<]")
_FENCED = re.compile(r"^[ \t]*```.*?```", re.S | re.M)  # code blocks: their text is not parsed


def _plain(text: str) -> str:
    """``text`` as typed: escaped, line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd").strip()
    lines = [_html_escape(line.strip(), quote=False).replace('"', "&quot;") for line in text.split("\n")]
    return "<p>" + "<br>\n".join(lines) + "</p>\n"


def _over_budget(text: str) -> bool:
    if len(_MARKUP.findall(text)) <= MARKUP_BUDGET:
        return False
    return "```" not in text or len(_MARKUP.findall(_FENCED.sub("", text))) > MARKUP_BUDGET


class Markdown:
    """Renders with one ``lookup`` for mention names; remembers recent results."""

    def __init__(self, lookup: Lookup | None = _nobody, memo: int = MEMO_ENTRIES) -> None:
        self.env = {"lookup": lookup}  # None: mentions stay references, named later
        self.memo: dict[str, str] = {}
        self.size = memo

    def __call__(self, text: str) -> str:
        if not text or text.isspace():
            return ""
        found = self.memo.get(text)
        if found is not None:
            return found
        if _NEEDS_PARSER.search(text) is None or _over_budget(text):
            rendered = _plain(text)
        else:
            rendered = _MD.render(text, dict(self.env))
        if self.size and len(text) <= MEMO_MAX_CHARS:
            if len(self.memo) >= self.size:
                self.memo.pop(next(iter(self.memo)))
            self.memo[text] = rendered
        return rendered


def render(text: str, lookup: Lookup | None = None) -> str:
    """``text`` (Discord markdown) as safe HTML."""
    return Markdown(lookup or _nobody, memo=0)(text)


AHEAD = Markdown(None, memo=0)  # for messages as they are archived: mentions named at transcript time
