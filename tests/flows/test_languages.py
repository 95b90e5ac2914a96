"""Every word in the reader's language: a member's answers in their Discord client's language, what everyone
in the server reads (tickets, panels, the log, transcripts) in the server's, and the commands in every client
language TicketDesk ships."""

from __future__ import annotations

import re
from typing import Any

from bot import i18n, messages
from bot.render.translator import refusal
from tests.support.desk import TicketDeskSim, setup_desk, ticket_channel_id
from tests.support.files import files_of


def said(language: str, name: str, key: str | None = None, **values: Any) -> str:
    """Sentence ``name`` (``[key]`` of a dictionary) as ``language`` says it; it must differ from the
    English, so the test proves the catalogue was used."""
    with i18n.speaking(language):
        found = getattr(messages, name)
        text = (found[key] if key is not None else found).format(**values)
    english = messages.source(name)
    english = (english[key] if key is not None else english).format(**values)
    assert text != english, f"{name} has no {language} translation"
    return text


def opening_text(language: str) -> str:
    """Words of the default opening message in ``language`` (its longest stretch between blanks)."""
    with i18n.speaking(language):
        text = messages.OPENING_DEFAULT
    assert language == i18n.SOURCE or text != messages.source("OPENING_DEFAULT"), f"no {language} text"
    return max(re.split(r"\{\w+\}", text), key=len).strip()[:25]


def body(message: Any) -> str:
    """Everything a message shows: its content, then each embed's title, description and fields."""
    parts = [message.content]
    for embed in message.embeds:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        parts += [f"{f['name']} {f['value']}" for f in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


async def test_a_german_member_opens_a_ticket_and_is_answered_in_german(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    member = sim.member("greta")
    sim.fake.user_locales[member.id] = "de"

    opened = await sim.click(member, desk.panel, "Open a ticket")
    channel = ticket_channel_id(opened)
    refused = await sim.slash(member, "ticket claim", channel=channel)
    english = await sim.slash(desk.staff, "ticket claim", channel=channel)  # staff's client is English

    assert opened.ephemeral and opened.text == said("de", "TICKET_READY", channel=f"<#{channel}>")
    assert refused.ephemeral and refused.text == said("de", "NOT_STAFF")
    assert "is yours" in english.text
    # the ticket itself is the server's (English here): the German member's click changed nothing there
    assert opening_text(i18n.SOURCE) in body(sim.messages(channel)[0])


async def test_public_messages_follow_the_server_language_and_answers_the_member(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    saved = await sim.slash(sim.owner, "tickets settings", channel=sim.general, language="fr")
    log = sim.fake.add_channel(sim.guild_id, "ticket-log")
    await sim.settle()
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, log_channel=log["id"])
    member = sim.member("greta")
    sim.fake.user_locales[member.id] = "de"

    opened = await sim.click(member, desk.panel, "Open a ticket")
    channel = ticket_channel_id(opened)
    await sim.say(member, channel, "Mein Drucker brennt")
    closed = await sim.slash(desk.staff, "ticket close", channel=channel, reason="fixed")
    await sim.settle()

    assert "Français" in saved.text
    assert opened.text == said("de", "TICKET_READY", channel=f"<#{channel}>")  # the member's language
    assert closed.ephemeral and "closed" in closed.text.lower()  # the staff member's (English)
    shown = [body(m) for m in sim.messages(channel)]
    assert opening_text("fr") in shown[0]  # the opening message: the server's language
    assert any(
        said("fr", "ANNOUNCE", "close", actor=desk.staff.mention, reason=": fixed") in s for s in shown
    )
    logged = [m.content for m in sim.messages(int(log["id"]))]
    assert logged and all("Ticket #1" not in line or "#1" in line for line in logged)
    assert any(said("fr", "ACTION_PAST", "close") in line for line in logged)


async def test_transcripts_speak_the_server_language_and_show_times_for_the_reader(
    sim: TicketDeskSim,
) -> None:
    desk = await setup_desk(sim)
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, language="pl")
    member = sim.member("piotr")
    channel = ticket_channel_id(await sim.click(member, desk.panel, "Open a ticket"))
    await sim.say(member, channel, "pomocy")

    result = await sim.slash(desk.staff, "transcript get", channel=channel, format="html")
    [page] = [data.decode() for name, data in files_of(sim, result).items() if name.endswith(".html")]
    text = await sim.slash(desk.staff, "transcript get", channel=channel, format="text")
    [lines] = [data.decode() for data in files_of(sim, text).values()]

    assert '<html lang="pl">' in page
    assert said("pl", "TX_CONVERSATION") in page and said("pl", "TX_STAFF_NOTES") in page
    stamps = re.findall(r'<time datetime="([^"]+)">([^<]+) UTC</time>', page)
    assert stamps and all(shown.strip() for _, shown in stamps)
    with i18n.speaking("pl"):
        assert stamps[0][1] == i18n.moment(stamps[0][0])
    assert "toLocaleString" in page  # the reader's browser shows them in their own time zone
    assert said("pl", "TX_STAFF_NOTES") in lines and "pomocy" in lines


async def test_the_server_language_defaults_to_its_discord_language_when_shipped(sim: TicketDeskSim) -> None:
    sim.fake.set_preferred_locale(sim.guild_id, "pt-BR")
    await sim.settle()
    desk = await setup_desk(sim)
    member = sim.member("joao")  # an English client: the panel and ticket follow the server, not him
    channel = ticket_channel_id(await sim.click(member, desk.panel, said("pt_BR", "DEFAULT_OPEN_LABEL")))

    assert opening_text("pt_BR") in body(sim.messages(channel)[0])
    assert said("pt_BR", "DEFAULT_PANEL_TITLE") in body(desk.panel)

    sim.fake.set_preferred_locale(sim.guild_id, "ja")  # a language TicketDesk does not speak: English
    await sim.settle()
    other = sim.member("kenji")
    channel = ticket_channel_id(await sim.click(other, desk.panel, said("pt_BR", "DEFAULT_OPEN_LABEL")))
    assert opening_text(i18n.SOURCE) in body(sim.messages(channel)[0])


async def test_a_member_whose_language_is_not_shipped_reads_the_servers(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, language="nl")
    member = sim.member("yuki")
    sim.fake.user_locales[member.id] = "ja"

    opened = await sim.click(member, desk.panel, "Open a ticket")

    assert opened.text == said("nl", "TICKET_READY", channel=f"<#{ticket_channel_id(opened)}>")


async def test_commands_sync_with_localizations_for_every_shipped_language(sim: TicketDeskSim) -> None:
    """The synced commands carry a name and description in every shipped language (the simulated Discord
    refuses a sync that breaks its rules: names 1-32 lowercase, descriptions 1-100, no clashes, 4,000
    characters per command and locale)."""
    synced = sim.fake.commands["global"]
    locales = {
        code for language in i18n.shipped() if language != i18n.SOURCE for code in i18n.locales_of(language)
    }
    assert locales == {"de", "fr", "es-ES", "es-419", "pt-BR", "pl", "ru", "tr", "nl"}

    def walk(node: dict[str, Any], kind: str) -> None:
        names = node.get("name_localizations") or {}
        assert set(names) == locales, (node["name"], sorted(locales - set(names)))
        for locale, name in names.items():
            assert refusal(kind, name) is None, (locale, name)
        if kind != "menu name":
            descriptions = node.get("description_localizations") or {}
            assert set(descriptions) == locales, (node["name"], sorted(locales - set(descriptions)))
            assert all(refusal("command description", d) is None for d in descriptions.values())
        for option in node.get("options") or []:
            walk(option, "command name" if option.get("type") in (1, 2) else "option name")
        for choice in node.get("choices") or []:
            if choice["name"] in {i18n.native_name(code) for code in i18n.shipped()}:
                assert not choice.get("name_localizations")  # a language is named in itself
            else:
                assert set(choice.get("name_localizations") or {}) == locales, choice

    for command in synced:
        walk(command, "command name" if command.get("type", 1) == 1 else "menu name")
    [ticket] = [c for c in synced if c["name"] == "ticket"]
    with i18n.speaking("de"):
        assert ticket["description_localizations"]["de"] == i18n.pgettext(
            "command description", ticket["description"]
        )
