"""Notes threads, the live archive and transcripts, as staff and owners use them."""

from __future__ import annotations

import asyncio
import io
import json
import os
import secrets
import shutil
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.support.desk import Case, TicketDeskSim, make_sim, open_case, row, staff_do
from tests.support.files import PIXEL_PNG, files_of
from tests.support.results import Msg
from tests.support.routes.messages import remove_message
from tests.support.sim import finish


def unpack(files: dict[str, bytes]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for name, data in files.items():
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as zipped:
                out.update({n: zipped.read(n) for n in zipped.namelist()})
        else:
            out[name] = data
    return out


async def busy_ticket(sim: TicketDeskSim, mode: str = "channel") -> tuple[Case, Msg, Any]:
    """A ticket with text, an edit, a deletion, an embed, an image, a file, and staff notes."""
    case = await open_case(sim, mode)
    await sim.say(case.owner, case.channel, "My **order** #1001 never arrived")
    edited = await sim.say(case.owner, case.channel, "It was a blue widget")
    await sim.edit(case.owner, edited, "It was a red widget")
    oops = await sim.say(case.owner, case.channel, "my password is hunter2")
    await sim.delete(oops)
    await sim.say(case.owner, case.channel, "photo attached", files=[("photo.png", PIXEL_PNG)])
    await sim.say(
        case.owner, case.channel, "log attached", files=[("log.txt", b"error: widget missing\n" * 10)]
    )
    await sim.say(
        case.desk.staff,
        case.channel,
        "",
        embeds=[
            {
                "title": "Order status",
                "description": "Shipped 3 May",
                "fields": [{"name": "Carrier", "value": "PostNL"}],
            }
        ],
    )
    created = await sim.slash(case.desk.staff, "notes create", channel=case.channel)
    notes_id = int(created.text.split("<#")[1].split(">")[0])
    await sim.say(case.desk.staff, notes_id, "customer seems legit; refund if not found by Friday")
    return case, edited, notes_id


async def test_notes_are_a_private_staff_thread(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    other_staff = sim.member("otto", roles=[case.desk.support_role])
    stranger = sim.member("sam")

    created = await sim.slash(case.desk.staff, "notes create", channel=case.channel, name="Internal")
    notes_id = int(created.text.split("<#")[1].split(">")[0])
    again = await sim.slash(case.desk.staff, "notes create", channel=case.channel)
    by_owner = await sim.slash(case.owner, "notes create", channel=case.channel)
    owner_in = await sim.slash(case.desk.staff, "notes add", channel=case.channel, member=case.owner)
    stranger_in = await sim.slash(case.desk.staff, "notes add", channel=case.channel, member=stranger)
    added = await sim.slash(case.desk.staff, "notes add", channel=notes_id, member=other_staff)

    thread = sim.channel(notes_id)
    assert (
        thread["type"] == 12 and thread["name"] == "Internal" and not thread["thread_metadata"]["invitable"]
    )
    assert sim.can_see(case.desk.staff, notes_id) and sim.can_see(other_staff, notes_id)
    assert not sim.can_see(case.owner, notes_id) and not sim.can_see(stranger, notes_id)
    assert "already has notes" in again.text
    assert "Only this server's ticket staff" in by_owner.text
    assert "Notes are for staff only" in owner_in.text and "Notes are for staff only" in stranger_in.text
    assert "is in" in added.text
    await sim.slash(case.desk.staff, "notes remove", channel=case.channel, member=other_staff)
    assert not sim.can_see(other_staff, notes_id)
    assert (await row(sim))["notes_thread_id"] == notes_id


async def test_thread_mode_notes_live_in_the_parent_channel(sim: TicketDeskSim) -> None:
    case = await open_case(sim, "thread")

    created = await sim.slash(case.desk.staff, "notes create", channel=case.channel)

    notes_id = int(created.text.split("<#")[1].split(">")[0])
    assert sim.channel(notes_id)["parent_id"] == str(sim.general)
    assert not sim.can_see(case.owner, notes_id)
    info = await staff_do(sim, case, "info")
    assert "Ticket #1" in info.text


@pytest.mark.parametrize("mode", ["channel", "thread"])
async def test_transcripts_hold_everything_and_the_owners_copy_has_no_notes(
    sim: TicketDeskSim, mode: str
) -> None:
    case, edited, notes_id = await busy_ticket(sim, mode)

    staff = {
        fmt: unpack(
            files_of(
                sim, await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format=fmt)
            )
        )
        for fmt in ("json", "html", "text")
    }
    owner = {
        fmt: unpack(
            files_of(sim, await sim.slash(case.owner, "transcript get", channel=case.channel, format=fmt))
        )
        for fmt in ("json", "html", "text")
    }

    document = json.loads(staff["json"]["ticket-1-staff.json"])
    assert set(document) >= {
        "guild",
        "group",
        "ticket",
        "channel_members",
        "channel_messages",
        "channel_message_attachments",
        "thread_members",
        "thread_messages",
        "thread_message_attachments",
    }
    contents = [m["content"] for m in document["channel_messages"]]
    assert "My **order** #1001 never arrived" in contents and "It was a red widget" in contents
    assert "my password is hunter2" in contents
    deleted = next(m for m in document["channel_messages"] if m["content"] == "my password is hunter2")
    assert deleted["deleted_at"] is not None
    red = next(m for m in document["channel_messages"] if m["content"] == "It was a red widget")
    assert red["edited_at"] and red["edits"][0]["content"] == "It was a blue widget"
    assert any(e.get("title") == "Order status" for m in document["channel_messages"] for e in m["embeds"])
    attachments = {a["name"]: a for a in document["channel_message_attachments"]}
    assert set(attachments) == {"photo.png", "log.txt"}
    assert attachments["photo.png"]["mime"] == "image/png" and attachments["photo.png"]["encrypted"]
    assert len(attachments["log.txt"]["hash"]) == 64 and attachments["log.txt"]["size"] == 220
    assert [m["content"] for m in document["thread_messages"]][-1].startswith("customer seems legit")
    assert document["ticket"]["number"] == 1 and document["group"]["name"] == "Support"

    page = staff["html"]["ticket-1-staff.html"].decode()
    assert "<strong>order</strong>" in page and "red widget" in page and "blue widget" in page
    assert "hunter2" in page and "deleted" in page and "Order status" in page and "PostNL" in page
    assert "data:image/png;base64," in page and "log.txt" in page and "customer seems legit" in page
    text = staff["text"]["ticket-1-staff.txt"].decode()
    assert "red widget" in text and "hunter2" in text and "customer seems legit" in text and "log.txt" in text

    owner_doc = json.loads(owner["json"]["ticket-1-owner.json"])
    assert owner_doc["thread_messages"] == [] and owner_doc["thread_members"] == []
    owner_page = owner["html"]["ticket-1-owner.html"].decode()
    assert "customer seems legit" not in owner_page and "hunter2" not in owner_page
    assert "red widget" in owner_page and "This message was deleted" in owner_page
    assert "customer seems legit" not in owner["text"]["ticket-1-owner.txt"].decode()
    assert "log.txt" in owner_page


async def test_strangers_get_no_transcript(sim: TicketDeskSim) -> None:
    await open_case(sim)
    stranger = sim.member("sam")

    refused = await sim.slash(stranger, "transcript get", channel=sim.general, ticket=1)

    assert "Only staff or the ticket's owner" in refused.text and not files_of(sim, refused)


async def test_attachments_are_encrypted_at_rest_and_round_trip(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    secret_text = b"the invoice number is 4242-SECRET\n" * 50
    await sim.say(case.owner, case.channel, "invoice", files=[("invoice.txt", secret_text)])
    await sim.say(case.owner, case.channel, "same again", files=[("copy.txt", secret_text)])
    assert sim.bot is not None
    ticket = await sim.bot.services.tickets.get(1)

    stored = list((sim.settings.data_dir / "attachments" / ticket.uuid).glob("*.bin"))
    assert len(stored) == 1  # deduplicated by SHA-256
    raw = stored[0].read_bytes()
    assert b"SECRET" not in raw and secret_text not in raw
    blobs = sim.bot.services.archive.blobs
    assert blobs.get(ticket.uuid, stored[0].stem) == secret_text
    from bot.domain.crypto import DecryptionError
    from bot.services.blobs import BlobStore

    with pytest.raises(DecryptionError):
        BlobStore(blobs.root, b"another secret").get(ticket.uuid, stored[0].stem)


async def test_attachment_caps_are_respected(tmp_path: Path) -> None:
    sim = await make_sim(tmp_path, attachment_max_bytes=100, ticket_attachments_max_bytes=150)
    try:
        case = await open_case(sim)
        await sim.say(case.owner, case.channel, "big", files=[("big.bin", b"x" * 101)])
        await sim.say(case.owner, case.channel, "ok", files=[("a.bin", b"a" * 100)])
        await sim.say(case.owner, case.channel, "over the ticket cap", files=[("b.bin", b"b" * 60)])
        assert sim.bot is not None
        statuses = await sim.bot.db.fetchall(
            "SELECT filename, status FROM attachments ORDER BY attachment_id"
        )
        assert [tuple(r) for r in statuses] == [
            ("big.bin", "too_large"),
            ("a.bin", "stored"),
            ("b.bin", "too_large"),
        ]
    finally:
        await finish(sim)


async def test_attachments_survive_the_cdn_link_expiring(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "photo", files=[("p.png", PIXEL_PNG)])
    await sim.advance(timedelta(days=3))  # Discord's signed links have expired

    result = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="html")

    page = unpack(files_of(sim, result))["ticket-1-staff.html"].decode()
    import base64

    assert base64.b64encode(PIXEL_PNG).decode() in page


async def test_messages_while_offline_are_backfilled_and_save_catches_edits_and_deletions(
    sim: TicketDeskSim,
) -> None:
    case = await open_case(sim)
    kept = await sim.say(case.owner, case.channel, "before the outage")
    doomed = await sim.say(case.owner, case.channel, "this will vanish")
    await sim.stop()
    # the bot is offline: a message arrives, one is edited, one is deleted
    sim.fake.store_message(
        sim.fake.build_message(
            case.channel,
            sim.fake.users[case.owner.id],
            {"content": "during the outage"},
            guild=sim.fake.guilds[sim.guild_id],
        )
    )
    current = sim.fake.message_index[kept.id]
    current["content"], current["edited_timestamp"] = "before the outage (edited)", sim.fake.iso_now()
    remove_message(sim.fake, sim.fake.message_index[doomed.id])
    await sim.start()

    assert sim.bot is not None
    archived = [
        r[0] for r in await sim.bot.db.fetchall("SELECT content FROM archived_messages ORDER BY message_id")
    ]
    assert "during the outage" in archived
    saved = await sim.slash(case.desk.staff, "transcript save", channel=case.channel)

    assert "1 edits" in saved.text and "1 deletions" in saved.text
    assert (await row(sim))["transcript_saved_at"] is not None
    rows = {
        r[0]: r[1] for r in await sim.bot.db.fetchall("SELECT content, deleted_at FROM archived_messages")
    }
    assert rows["this will vanish"] is not None and "before the outage (edited)" in rows


async def test_closing_posts_the_transcript_and_dms_the_owner_their_copy(sim: TicketDeskSim) -> None:
    case, _, _ = await busy_ticket(sim)
    transcripts = sim.add_channel("transcripts")
    await sim.settle()
    await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", transcript_channel=transcripts
    )

    await staff_do(sim, case, "close", reason="refunded")

    [posted] = sim.messages(transcripts)
    assert "Transcript of ticket #1" in posted.text and "refunded" in posted.text
    [attachment] = posted.data["attachments"]
    staff_copy = unpack({attachment["filename"]: sim.fake.cdn_get(attachment["url"])})
    assert "customer seems legit" in next(v for k, v in staff_copy.items() if k.endswith(".html")).decode()
    dm = sim.dms(case.owner)
    assert dm and "was closed" in dm[-1].text
    owner_file = dm[-1].data["attachments"][0]
    owner_copy = unpack({owner_file["filename"]: sim.fake.cdn_get(owner_file["url"])})
    page = next(v for k, v in owner_copy.items() if k.endswith(".html")).decode()
    assert "customer seems legit" not in page and "red widget" in page


async def test_a_transcript_over_the_upload_limit_is_zipped_or_split_and_always_arrives(
    sim: TicketDeskSim,
) -> None:
    case = await open_case(sim)
    for i in range(150):
        await sim.say(
            case.owner, case.channel, f"line {i}: " + "lorem ipsum dolor sit amet " * 20, settle=False
        )
    await sim.settle()
    sim.fake.guilds[sim.guild_id].filesize_limit = 16 * 1024

    zipped = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="text")
    for i in range(40):  # text that does not compress well
        await sim.say(case.owner, case.channel, f"noise {i}: {secrets.token_urlsafe(300)}", settle=False)
    await sim.settle()
    sim.fake.guilds[sim.guild_id].filesize_limit = 6 * 1024
    split = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="json")

    zipped_files = files_of(sim, zipped)
    assert (
        list(zipped_files) == ["ticket-1-staff.zip"] and len(zipped_files["ticket-1-staff.zip"]) <= 16 * 1024
    )
    assert "line 149" in unpack(zipped_files)["ticket-1-staff.txt"].decode()
    parts = files_of(sim, split)
    assert len(parts) > 1 and all(len(data) <= 6 * 1024 for data in parts.values())
    contents = [m["content"] for data in parts.values() for m in json.loads(data).get("channel_messages", [])]
    assert sum(c.startswith("line ") for c in contents) == 150
    assert sum(c.startswith("noise ") for c in contents) == 40


async def test_send_dms_the_right_copy_and_explains_closed_dms(sim: TicketDeskSim) -> None:
    case, _, _ = await busy_ticket(sim)
    friend = sim.member("fran")
    closed_dms = sim.member("cleo")
    sim.fake.dm_closed.add(closed_dms.id)

    sent = await sim.slash(case.desk.staff, "transcript send", channel=case.channel, member=friend)
    refused = await sim.slash(case.desk.staff, "transcript send", channel=case.channel, member=closed_dms)
    by_owner = await sim.slash(case.owner, "transcript send", channel=case.channel, member=friend)

    assert "Sent the transcript" in sent.text
    [dm] = sim.dms(friend)
    data = unpack({a["filename"]: sim.fake.cdn_get(a["url"]) for a in dm.data["attachments"]})
    assert "customer seems legit" not in next(v for k, v in data.items() if k.endswith(".html")).decode()
    assert "does not accept direct messages" in refused.text
    assert "Only this server's ticket staff" in by_owner.text


async def test_the_transcript_button_gives_each_person_their_copy(sim: TicketDeskSim) -> None:
    case, _, _ = await busy_ticket(sim)
    [opening] = sim.messages(case.channel)[:1]

    staff_copy = unpack(files_of(sim, await sim.click(case.desk.staff, opening, "Transcript")))
    owner_copy = unpack(files_of(sim, await sim.click(case.owner, opening, "Transcript")))

    assert "customer seems legit" in staff_copy["ticket-1-staff.html"].decode()
    assert "customer seems legit" not in owner_copy["ticket-1-owner.html"].decode()


async def test_the_html_transcript_renders_in_headless_chromium(sim: TicketDeskSim, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        if os.environ.get("TICKETDESK_REQUIRE_CHROMIUM"):
            pytest.fail("chromium is required here but not installed")
        pytest.skip("chromium is not installed")
    case, _, _ = await busy_ticket(sim)
    page = unpack(
        files_of(sim, await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="html"))
    )["ticket-1-staff.html"]
    html_file = tmp_path / "t.html"
    html_file.write_bytes(page)
    shot = tmp_path / "shot.png"
    await asyncio.to_thread(
        subprocess.run,
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,800",
            f"--screenshot={shot}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    background = max(colours)[1]
    different = sum(count for count, colour in colours if colour != background)
    assert image.size == (1000, 800)
    assert len(colours) > 50 and different > 5_000, "the screenshot is (nearly) blank"
    assert background[0] < 80 and background[2] < 80  # Discord's dark theme
