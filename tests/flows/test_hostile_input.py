"""Hostile form input and names: no pings, a valid channel name, every payload within Discord's limits.

Each example runs the real bot in a fresh simulated Discord, which refuses any payload over Discord's
limits (the bot would log the failure and the example would fail) and records who a message pings.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.desk import TicketDeskSim
from tests.support.sim import finish

NASTY = list("@everyone@here<>#*_`~|\\:/!()[]{}") + [
    "\u200b",
    "\u200e",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\n",
    " ",
    "­",
]
nasty_text = st.text(alphabet=st.sampled_from(NASTY) | st.characters(codec="utf-8"), max_size=400)
long_text = st.one_of(
    nasty_text,
    st.builds(lambda s, n: (s * n)[:4000], nasty_text.filter(bool), st.integers(min_value=1, max_value=4000)),
    st.just(("@everyone <@&1> ```" * 300)[:4000]),
)
CHANNEL_NAME = re.compile(r"^[\w\-]{1,100}$")


async def scenario(tmp: Path, username: str, group_name: str, answers: list[str]) -> None:
    sim = TicketDeskSim(tmp)
    await sim.start()
    try:
        role = sim.role("Support")
        forms = sim.add_channel("forms")
        await sim.settle()
        await sim.slash(
            sim.owner,
            "group create",
            channel=sim.general,
            name=group_name,
            support_role=role["id"],
            name_template="{user}-{number}",
        )
        [group_id] = [g.id for g in await sim.bot.services.groups.list(sim.guild_id)]  # type: ignore[union-attr]
        await sim.slash(sim.owner, "group edit", channel=sim.general, group=str(group_id), form_channel=forms)
        for i in range(4):
            await sim.slash(
                sim.owner,
                "group form",
                channel=sim.general,
                group=str(group_id),
                action="add",
                label=f"Question {i}",
                kind="paragraph",
                required=False,
            )
        await sim.slash(sim.owner, "panel create", channel=sim.general, name="P")
        await sim.slash(sim.owner, "panel add-entry", channel=sim.general, panel="P", group=str(group_id))
        await sim.slash(sim.owner, "panel post", channel=sim.general, panel="P")
        [panel] = [m for m in sim.messages(sim.general) if m.buttons()]
        person = sim.member(username or "x")

        opened = await sim.click(person, panel, "Open a ticket")
        done = await sim.submit(person, opened, {f"Question {i}": a for i, a in enumerate(answers)})

        assert "Your ticket is ready" in done.text, done.text
        channel_id = int(re.search(r"<#(\d+)>", done.text).group(1))  # type: ignore[union-attr]
        name = sim.channel(channel_id)["name"]
        assert CHANNEL_NAME.match(name), name
        pinged = [message.pinged_roles for message in sim.messages(channel_id) if message.pinged_roles]
        assert pinged == [{int(role["id"])}]  # the support role, told once; nothing typed adds a ping
        for message in sim.messages(channel_id):
            assert message.pinged_users <= {person.id} and not message.pinged_everyone
        for message in sim.messages(forms):
            assert not message.pings_anyone
        assert not done.last.pings_anyone
    finally:
        await finish(sim)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    username=nasty_text,
    group_name=nasty_text.map(lambda s: s.strip()[:50]).filter(lambda s: s.strip() != ""),
    answers=st.lists(long_text, min_size=4, max_size=4),
)
def test_hostile_input_pings_no_one_and_stays_within_limits(
    username: str, group_name: str, answers: list[str]
) -> None:
    from bot.domain.text import strip_invisible

    if not " ".join(strip_invisible(group_name).split()):
        return  # a name of only invisible characters is refused at /group create (tested elsewhere)
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(scenario(Path(tmp), username, group_name, answers))
