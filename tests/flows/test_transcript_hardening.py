"""Transcripts under attack: file names that climb out of a zip, links to files that were not delivered,
markdown built to be slow or to break the page, and members who keep clicking Transcript."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from bot.transcripts.render import LOCAL_TIMES
from tests.support.desk import make_sim, open_case
from tests.support.files import PIXEL_PNG, files_of
from tests.support.sim import finish


def zipped(files: dict[str, bytes]) -> zipfile.ZipFile:
    [name] = files
    assert name.endswith(".zip"), f"expected a zip, got {list(files)}"
    return zipfile.ZipFile(io.BytesIO(files[name]))


class Page(HTMLParser):
    """An HTML transcript as a browser reads it: its links, its text, and whether its tags nest."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own_scripts = html.count(LOCAL_TIMES)  # the page's one script (local times); no other runs
        html = html.replace(LOCAL_TIMES, "")
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "form", "svg", "math"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") and not (tag == "img" and value == "this.remove()"):  # the avatar's
                self.problems.append(f"{name} on <{tag}>")
            if name in ("href", "src") and re.match(r"\s*(javascript|vbscript):", value or "", re.I):
                self.problems.append(f"{name}={value}")
            if name == "href" and value:
                self.hrefs.append(value)
        if tag not in ("br", "meta", "img", "hr", "!doctype"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def well_formed(self) -> bool:
        return not self.problems and not self.stack and self.own_scripts <= 1


async def test_attachment_names_cannot_climb_out_of_the_zip(tmp_path: Path) -> None:
    # every file is bundled (none is shown inline), so today's code zips them under their raw names too
    sim = await make_sim(tmp_path, transcript_inline_max_bytes=0)
    try:
        case = await open_case(sim)
        await sim.say(case.owner, case.channel, "run this", files=[("../../evil.sh", b"rm -rf ~\n")])
        await sim.say(
            case.owner, case.channel, "and this", files=[("..\\..\\Windows\\evil.bat", b"del *\r\n")]
        )
        await sim.say(case.owner, case.channel, "and this", files=[("..", b"dots\n")])

        result = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="html")

        archive = zipped(files_of(sim, result))
        names = archive.namelist()
        files = [n for n in names if n.startswith("attachments/")]
        assert len(files) == 3, names
        for name in names:
            assert ".." not in name and "\\" not in name and not name.startswith("/"), name
        for name in files:
            assert "/" not in name.removeprefix("attachments/"), name
        assert {archive.read(n) for n in files} == {b"rm -rf ~\n", b"del *\r\n", b"dots\n"}
        assert any(n.endswith("evil.sh") for n in files) and any(n.endswith("evil.bat") for n in files)
    finally:
        await finish(sim)


async def test_every_link_in_an_html_transcript_resolves_inside_its_download(sim: Any) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "the log", files=[("order log #1.txt", b"widget missing\n")])
    await sim.say(case.owner, case.channel, "a photo", files=[("photo.png", PIXEL_PNG)])

    for person in (case.desk.staff, case.owner):
        result = await sim.slash(person, "transcript get", channel=case.channel, format="html")

        archive = zipped(files_of(sim, result))
        [page_name] = [n for n in archive.namelist() if n.endswith(".html")]
        page = Page(archive.read(page_name).decode())
        local = [unquote(h) for h in page.hrefs if not re.match(r"https?://", h)]
        assert local, "the small text file is linked"
        for href in local:
            assert href in archive.namelist(), (href, archive.namelist())
        assert archive.read(local[0]) == b"widget missing\n"
        assert "data:image/png;base64," in archive.read(page_name).decode()  # the image stays inline
        assert not any(n.endswith("photo.png") for n in archive.namelist())


HOSTILE_ITALIC = " *a" * 333  # ~1,000 characters: quadratic for the hand-written italic rule
INJECTIONS = [
    "<script>alert('owned')</script>",
    '"><img src=x onerror=alert(1)>',
    "[click me](javascript:alert(document.cookie))",
    "<a href='javascript:alert(1)'>x</a> </div></main><iframe src=//evil>",
]


async def test_hostile_messages_give_a_valid_transcript_that_shows_them(sim: Any) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, HOSTILE_ITALIC)
    await sim.say(case.owner, case.channel, "before \x0099\x00 after \x000\x00")  # the old placeholder
    for text in INJECTIONS:
        await sim.say(case.owner, case.channel, text)
    await sim.say(case.owner, case.channel, "still **here** after all that")

    for person in (case.desk.staff, case.owner):
        result = await sim.slash(person, "transcript get", channel=case.channel, format="html")

        files = files_of(sim, result)
        [name] = files
        assert name.endswith(".html"), result.text
        page = Page(files[name].decode())
        assert page.well_formed, page.problems[:5] or page.stack
        text = "".join(page.text)
        assert HOSTILE_ITALIC.strip() in text
        assert "before" in text and "99" in text and "after" in text
        for injection in INJECTIONS:
            assert injection in text  # shown as typed, not run
        assert "still here after all that" in text


async def test_two_requests_for_the_same_copy_render_it_once(sim: Any) -> None:
    case = await open_case(sim)
    for i in range(40):
        await sim.say(case.owner, case.channel, f"message {i} with **some** _markdown_", settle=False)
    await sim.settle()
    other_staff = sim.member("otto", roles=[case.desk.support_role])
    assert sim.bot is not None
    service = sim.bot.services.transcripts
    rendered: list[int] = []
    render_and_pack = service._render_and_pack

    def counting(*args: Any) -> Any:
        rendered.append(1)
        return render_and_pack(*args)

    service._render_and_pack = counting

    first = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, settle=False)
    second = await sim.slash(other_staff, "transcript get", channel=case.channel, settle=False)
    await sim.settle()

    assert len(rendered) == 1
    mine, theirs = files_of(sim, first), files_of(sim, second)
    assert mine and mine == theirs and list(mine) == ["ticket-1-staff.html"]
    assert "message 39" in mine["ticket-1-staff.html"].decode()
    await sim.slash(case.desk.staff, "transcript get", channel=case.channel)
    assert len(rendered) == 2  # once the first is delivered, a new request renders anew
    assert not list((sim.settings.data_dir).rglob("transcript-*"))  # shared files were cleaned up


async def test_a_member_clicking_transcript_too_often_is_told_when_to_ask_again(sim: Any) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "hello")
    [opening] = sim.messages(case.channel)[:1]
    now = sim.clock.now()

    clicks = [await sim.click(case.owner, opening, "Transcript", settle=False) for _ in range(5)]
    await sim.settle()

    assert all(click.acknowledged for click in clicks)
    delivered = [click for click in clicks if files_of(sim, click)]
    refused = [click for click in clicks if not files_of(sim, click)]
    assert len(delivered) == 3 and len(refused) == 2
    for click in refused:
        assert click.ephemeral and "You can ask again" in click.text
        assert f"<t:{int((now + timedelta(minutes=1)).timestamp())}:R>" in click.text
    # others are not held back by one member's clicks
    staff_copy = await sim.click(case.desk.staff, opening, "Transcript")
    assert files_of(sim, staff_copy)

    await sim.advance(timedelta(seconds=61))
    again = await sim.click(case.owner, opening, "Transcript")
    assert list(files_of(sim, again)) == ["ticket-1-owner.html"]


async def test_the_transcript_button_answers_before_reading_the_ticket(sim: Any) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)[:1]
    assert sim.bot is not None
    tickets = sim.bot.services.tickets
    original = tickets.get
    acknowledged_when_read: list[bool] = []

    async def reading(ticket_id: int) -> Any:
        if not acknowledged_when_read:
            latest = list(sim.fake.interactions.values())[-1]
            acknowledged_when_read.append(latest.acked_type is not None)
        return await original(ticket_id)

    tickets.get = reading
    try:
        result = await sim.click(case.owner, opening, "Transcript")
    finally:
        del tickets.get

    assert acknowledged_when_read == [True]
    assert result.ack_type == 5 and files_of(sim, result)
