"""How Discord's markdown looks in an HTML transcript, and that whatever a member types stays text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.transcripts.markdown import render

USER, ROLE, CHANNEL = 123456789012345678, 223456789012345678, 323456789012345678
NAMES = {("user", USER): "Olive <3", ("role", ROLE): "Support", ("channel", CHANNEL): "general"}


def md(text: str) -> str:
    return render(text, lambda kind, ident: NAMES.get((kind, ident)))


# Every tag the renderer may write; anything else in its output came from the user and was not escaped.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "u", "s", "span", "code", "pre", "a", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "small",
}  # fmt: skip
VOID = {"br"}


class Checked(HTMLParser):
    """Parses the renderer's output: only known tags, properly nested, links only to http(s)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name not in {"href", "rel", "class", "data-ts", "data-lang", "start"}:
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")
            if name == "href" and not re.match(r"https?://", value or ""):
                self.problems.append(f"link to {value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def checked(html: str) -> Checked:
    parser = Checked()
    parser.feed(html)
    parser.close()
    assert not parser.problems and not parser.stack, (parser.problems, parser.stack, html)
    return parser


def test_a_masked_link_is_a_link_with_its_address_escaped_once() -> None:
    out = md("[docs](https://x/a?b=1&c=2)")
    assert '<a href="https://x/a?b=1&amp;c=2" rel="noopener noreferrer">docs</a>' in out
    assert "[docs]" not in out and "&amp;amp;" not in out


def test_only_http_links_are_links() -> None:
    for hostile in (
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[x](vbscript:msgbox)",
    ):
        out = md(hostile)
        assert "href" not in out, out
        checked(out)
    quoted = md('[x](https://a.example/" onmouseover="alert(1))')
    assert "onmouseover=" not in quoted.replace("&quot;", "").split("href")[0]
    checked(quoted)


def test_escaped_markers_are_literal() -> None:
    assert md(r"\*x\*") == "<p>*x*</p>\n"
    assert md(r"\_\_x\_\_ \|\|y\|\| \`z\`") == "<p>__x__ ||y|| `z`</p>\n"


def test_bold_italic_underline_and_strikethrough() -> None:
    assert md("***x***") == "<p><em><strong>x</strong></em></p>\n"
    assert md("**b** *i* _i_ __u__ ~~s~~") == (
        "<p><strong>b</strong> <em>i</em> <em>i</em> <u>u</u> <s>s</s></p>\n"
    )
    assert md("___x___") == "<p><em><u>x</u></em></p>\n"
    assert md("snake_case_name") == "<p>snake_case_name</p>\n"


def test_three_quote_marks_quote_the_rest_of_the_message() -> None:
    out = md("before\n>>> quoted\nstill quoted\n\nalso quoted")
    assert out.startswith("<p>before</p>\n<blockquote>")
    quote = out.split("<blockquote>")[1].split("</blockquote>")[0]
    assert "quoted" in quote and "still quoted" in quote and "also quoted" in quote


def test_one_quote_mark_quotes_its_line_and_quotes_do_not_nest() -> None:
    out = md("> first\n> second\nnot quoted")
    assert out == "<blockquote>\n<p>first<br>\nsecond</p>\n</blockquote>\n<p>not quoted</p>\n"
    assert md("> > inner") == "<blockquote>\n<p>&gt; inner</p>\n</blockquote>\n"
    assert md(">no space") == "<p>&gt;no space</p>\n"


def test_lists() -> None:
    assert md("- a\n- b\n  - c") == "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n"
    assert md("1. one\n2. two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"


def test_headings_and_subtext() -> None:
    assert md("# one\n## two\n### three\n#### four") == (
        "<h1>one</h1>\n<h2>two</h2>\n<h3>three</h3>\n<p>#### four</p>\n"
    )
    assert md("-# small print") == '<small class="subtext">small print</small>\n'
    assert md("#not a heading") == "<p>#not a heading</p>\n"


def test_code_blocks_and_inline_code_keep_their_text() -> None:
    assert md("```py\nif a < b and *c*:\n    pass\n```") == (
        '<pre class="code" data-lang="py"><code>if a &lt; b and *c*:\n    pass</code></pre>\n'
    )
    assert md("```py\nprint(1)```") == '<pre class="code" data-lang="py"><code>print(1)</code></pre>\n'
    assert md("use `**not bold**` here") == "<p>use <code>**not bold**</code> here</p>\n"
    assert md("```\nnever closed") == "<p>```<br>\nnever closed</p>\n"


def test_spoilers_mentions_emoji_timestamps_and_commands() -> None:
    out = md(
        f"||secret **bold**|| <@{USER}> <@!{USER}> <@&{ROLE}> <#{CHANNEL}> <@{USER + 1}> "
        "<:wave:123456789012345679> <t:1700000000:R> </ticket open:123456789012345670>"
    )
    assert '<span class="spoiler">secret <strong>bold</strong></span>' in out
    assert out.count('<span class="mention">@Olive &lt;3</span>') == 2
    assert '<span class="mention">@Support</span>' in out and '<span class="mention">#general</span>' in out
    assert '<span class="mention">@unknown user</span>' in out
    assert '<span class="emoji">:wave:</span>' in out
    assert '<span class="time" data-ts="1700000000">2023-11-14 22:13 UTC</span>' in out
    assert '<span class="mention">/ticket open</span>' in out
    checked(out)


def test_bare_links_stop_before_trailing_punctuation() -> None:
    out = md("see https://example.com/a_b?x=1&y=2. thanks")
    assert '<a href="https://example.com/a_b?x=1&amp;y=2" rel="noopener noreferrer">' in out
    assert "</a>. thanks" in out


def test_typed_html_and_entities_stay_text() -> None:
    out = md('<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; "q"')
    assert out == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp;amp; &quot;q&quot;</p>\n"
    )


def test_a_nul_placeholder_is_only_text() -> None:
    out = md("a \x0099\x00 b \x000\x00")
    assert "99" in out and "\x00" not in out
    checked(out)


def test_the_quadratic_italic_pattern_renders_as_text() -> None:
    text = " *a" * 1333  # 4,000 characters that took the hand-written rules 160 ms
    parsed = checked(md(text))
    assert "".join(parsed.text).strip() == text.strip()


MARKUP = st.text(alphabet="*_~|`<>[]()#-:\\! \nahtps/@&0123456789.", max_size=200)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_any_input_renders_to_well_formed_safe_html(text: str) -> None:
    checked(md(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_plain_text_keeps_every_character(text: str) -> None:
    parsed = checked(md(text))
    shown = re.sub(r"\s+", "", "".join(parsed.text))
    if not re.search(r"[\\`*_~|<>\[\]#:\-+.)!0-9]", text):  # no markup at all
        assert shown == re.sub(r"\s+", "", text.replace("\x00", "\ufffd").replace("\r", ""))


def test_attachment_names_are_safe_in_a_zip() -> None:
    from bot.domain.text import safe_filename

    assert safe_filename("../../evil.sh") == "evil.sh"
    assert safe_filename("..\\..\\Windows\\evil.bat") == "evil.bat"
    for name in ("..", "...", "", "/", "\\", " . ", "\x00\x01"):
        assert safe_filename(name) == "file"
    assert safe_filename("a..b\x00c.txt") == "a.bc.txt"
    assert safe_filename("\u202egnp.exe") == "gnp.exe"
    long = safe_filename("x" * 300 + ".tar.gz")
    assert len(long) <= 100 and long.endswith(".gz")
    assert safe_filename('re:port<1>|"?*.txt') == "re_port_1_.txt"


def test_a_message_made_of_markup_is_shown_as_typed() -> None:
    from bot.transcripts.markdown import MARKUP_BUDGET

    formatted = "**b** " * (MARKUP_BUDGET // 4)
    assert md(formatted).count("<strong>b</strong>") == MARKUP_BUDGET // 4
    flood = "**b** " * (MARKUP_BUDGET // 4 + 1) + "\n<script>x</script>"
    out = md(flood)
    assert "<strong>" not in out and "**b** **b**" in out and "<br>\n&lt;script&gt;" in out
    checked(out)
    code = "```\n" + "*" * 4000 + "\n```\n**bold** after the code"
    assert "<strong>bold</strong>" in md(code)  # code blocks cost nothing to parse


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n.,;'\"&>#-+(){}=%$é😀1", max_size=120))
def test_plain_text_skips_the_parser_with_the_same_result(text: str) -> None:
    from bot.transcripts.markdown import _MD, _NEEDS_PARSER, _plain

    def shown(html: str) -> str:  # as a browser shows it: white space at line breaks does not show
        return re.sub(r"\s*(<br>|<p>|</p>)\s*", r"\1", html)

    if text.strip() and _NEEDS_PARSER.search(text) is None:
        assert shown(_plain(text)) == shown(_MD.render(text))
