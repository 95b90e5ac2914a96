"""Every user-facing sentence lives here, ready for translation. Use ``.format`` for the blanks."""

from __future__ import annotations

INCIDENT = (
    "Something went wrong on our side and nothing was changed. If it keeps happening, give the server's "
    "admins this incident id: `{incident}`."
)
DISCORD_FORBIDDEN = "Discord refused me: I am missing a permission for this ({detail}). An admin can fix my role's permissions."
DISCORD_UNAVAILABLE = "Discord did not answer in time. Nothing was changed; please try again in a moment."
BAD_OPTION = "That value for `{option}` is not valid: {detail}"
NOT_IN_GUILD = "This only works inside a server."
COMMAND_OUTDATED = (
    "This command is out of date. Please try again in a minute, after Discord refreshes the commands."
)
CHECK_FAILED = "You are not allowed to use this command here."
COOLDOWN = "Slow down: try again in {seconds:.0f} seconds."
NOT_STAFF = "Only this server's ticket staff can do that."
NOT_ADMIN = "Only this server's ticket admins (or members with Manage Server) can do that."
MODULE_DISABLED = "Tickets are disabled here."
TOKEN_MISSING = (
    'no bot token: set TICKETDESK_TOKEN, or token = "..." in config.toml (see config.example.toml).'
)

STATUS_TITLE = "TicketDesk status"
STATUS_ENABLED = "Enabled"
STATUS_DISABLED = 'Disabled: panels answer "tickets are disabled here"'
STATUS_ALL_PERMISSIONS = "None: I have every permission I need."
