"""Test support: a simulated Discord any discord.py bot can connect to, and TicketDesk's wiring.

    sim.py           Sim, the facade a test drives (people act, the sim settles); finish()
    results.py       what a test holds: Person, Msg, InteractionResult, SimRefused
    payloads.py      what a Discord client sends: interaction payloads, command options, component data
    clock.py         FakeClock, the time shared by the world and the bot
    fake_discord.py  FakeDiscord: the world (JSON), permissions, gateway events, the REST entry point
    routes/          the REST routes, one module per resource, gathered in routes.ROUTE_TABLE
    sim_http.py      the bot's side of the wire: discord.py's HTTP calls sent to FakeDiscord
    limits.py        Discord's payload limits
    files.py         PIXEL_PNG and files_of (the files a bot attached to its answers)
    desk.py          TicketDesk: TicketDeskSim, make_sim, and scenario helpers (setup_desk, open_case...)

Only desk.py imports the bot; tests/sim/test_support_is_bot_agnostic.py checks it.
"""
