"""Every user-facing sentence, in English, ready for translation: ``messages.<NAME>`` gives it in the language
speaking now (``bot.i18n``). Use ``.format`` for the blanks; a sentence with a number is a :class:`Plural`.

The sentences are attributes of :class:`_Sentences`, each English text marked with ``N_`` (or ``P_`` for the
singular and plural of a :class:`Plural`): that is what ``python -m bot translations`` extracts into the
catalogue template, and what the module's ``__getattr__`` looks up in the catalogue of the language
speaking when a sentence is read. Keys of dictionaries are not translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import i18n


def N_(text: str) -> str:
    """Marks English text for the catalogue; translated when read (see the module's ``__getattr__``)."""
    return text


@dataclass(frozen=True, slots=True)
class Plural:
    """A sentence with a number in it: gettext picks the form for the number (the ``key`` blank) in the
    language speaking when it is formatted (Polish and Russian have three forms, for example)."""

    one: str
    other: str
    key: str = "count"

    def format(self, **values: Any) -> str:
        return i18n.ngettext(self.one, self.other, int(values[self.key])).format(**values)


P_ = Plural


def permission_name(name: str) -> str:
    """``send_messages`` -> ``Send Messages``, as Discord's settings call it."""
    names: dict[str, str] = __getattr__("PERMISSION_NAMES")
    return names.get(name, name.replace("_", " ").title())


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return i18n.gettext(value)
    if isinstance(value, dict):
        return {key: _translated(item) for key, item in value.items()}
    return value  # a Plural translates itself when formatted


def __getattr__(name: str) -> Any:
    """``messages.<NAME>``: the sentence in the language speaking now."""
    try:
        value = _Sentences.__dict__[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return _translated(value)


def source(name: str) -> Any:
    """A sentence as written here, in English, whatever language speaks now."""
    return _Sentences.__dict__[name]


def names() -> list[str]:
    """Every sentence's name (for tests and the catalogue)."""
    return [name for name in _Sentences.__dict__ if name.isupper()]


class _Sentences:
    """Every sentence, in English (the source language); read them as ``messages.<NAME>``."""

    PERMISSION_NAMES = {
        "view_channel": N_("View Channel"),
        "send_messages": N_("Send Messages"),
        "send_messages_in_threads": N_("Send Messages in Threads"),
        "manage_webhooks": N_("Manage Webhooks"),
        "manage_channels": N_("Manage Channels"),
        "manage_roles": N_("Manage Roles"),
        "manage_threads": N_("Manage Threads"),
        "manage_messages": N_("Manage Messages"),
        "create_private_threads": N_("Create Private Threads"),
        "create_public_threads": N_("Create Public Threads"),
        "embed_links": N_("Embed Links"),
        "attach_files": N_("Attach Files"),
        "read_message_history": N_("Read Message History"),
        "add_reactions": N_("Add Reactions"),
    }

    # -- words used in several places ---------------------------------------------------------------------
    NONE = N_("none")
    NONE_FOUND = N_("none found")
    NONE_YET = N_("None yet.")
    NOTHING = N_("nothing")
    NOBODY = N_("nobody")
    NEVER = N_("never")
    YES = N_("yes")
    NO = N_("no")
    THESE = N_("these")
    THE_DEFAULT = N_("the default")
    THIS_CHANNEL = N_("this channel")
    ALL_TIME = N_("all time")
    ALWAYS_OPEN = N_("always open")
    DELETED_GROUP = N_("deleted group")
    DELETING = N_("Deleting…")
    DEFAULT_MARK = N_(" (default)")
    OPTIONAL_SUFFIX = N_(", optional")
    WORD_TITLE = N_("title")
    WORD_DESCRIPTION = N_("description")
    WORD_LABEL = N_("label")
    TEXT_TOO_LONG = N_("The {what} can be at most {max} characters.")
    WHAT_INVALID = N_("{what}: {detail}.")
    AS_SENTENCE = N_("{detail}.")
    MANAGE_SERVER_ONLY = N_("Manage Server only")
    GROUP_SUPPORT_ROLES = N_("the groups' support roles")

    INCIDENT = N_(
        "Something went wrong on our side and nothing was changed. If it keeps happening, give the server's "
        "admins this incident id: `{incident}`."
    )
    DISCORD_FORBIDDEN = N_(
        "Discord refused me ({detail}): I am probably missing a permission here. An admin can check my role's permissions."
    )
    DISCORD_FORBIDDEN_IN = N_(
        "Discord refused me in {place} ({detail}). An admin can check my permissions there."
    )
    BOT_LACKS = N_("I am missing {permissions} in {place}. An admin can grant it to my role there.")
    DISCORD_REFUSED = N_("Discord refused this ({detail}). Nothing was changed.")
    THE_SERVER = N_("the server")
    DISCORD_UNAVAILABLE = N_(
        "Discord did not answer in time. Nothing was changed; please try again in a moment."
    )
    BAD_OPTION = N_("That value for `{option}` is not valid: {detail}")
    NOT_IN_GUILD = N_("This only works inside a server.")
    COMMAND_OUTDATED = N_(
        "This command is out of date. Please try again in a minute, after Discord refreshes the commands."
    )
    CHECK_FAILED = N_("You are not allowed to use this command here.")
    COOLDOWN = P_(
        "Slow down: try again in {seconds} second.", "Slow down: try again in {seconds} seconds.", "seconds"
    )
    NOT_STAFF = N_("Only this server's ticket staff can do that.")
    NOT_ADMIN = N_("Only this server's ticket admins (or members with Manage Server) can do that.")
    MODULE_DISABLED = N_("Tickets are disabled here.")
    TOKEN_MISSING = N_(
        'no bot token: set TICKETDESK_TOKEN, or token = "..." in config.toml (see config.example.toml).'
    )

    STATUS_TITLE = N_("TicketDesk status")
    STATUS_ENABLED = N_("Enabled")
    STATUS_DISABLED = N_('Disabled: panels answer "tickets are disabled here"')
    STATUS_ALL_PERMISSIONS = N_("None: I have every permission I need.")
    STATUS_TICKETS = N_("{open} open, {closed} closed, {deleted} deleted")
    STATUS_CHANNELS = N_("{count} of 500")
    STATUS_NO_GROUPS = N_("No ticket groups yet: run /tickets setup, or /group create.")
    STATUS_CHANNELS_NEAR_LIMIT = N_("The server has {count} of Discord's 500 channels.")
    STATUS_PANEL_DELETED = N_("Panel “{name}”: its message was deleted.")
    STATUS_PANEL_LINE = P_(
        "“{name}” ({kind}, {entries} entry): {state}",
        "“{name}” ({kind}, {entries} entries): {state}",
        "entries",
    )
    STATUS_DEAD_ENTRIES = P_(
        "; {count} entry points to a deleted group", "; {count} entries point to deleted groups"
    )
    STATUS_THREADS_IN = N_("threads in {channel}")
    STATUS_GROUP_PROBLEM = N_("Group “{group}”: {problem}.")
    STATUS_PROBLEMS = P_(" — {count} problem", " — {count} problems")
    STATUS_OK = N_(" — ok")
    PANEL_MESSAGE_DELETED_STATE = N_("its message was deleted: /panel post again")
    PROBLEM_PARENT_GONE = N_("its parent channel is gone")
    PROBLEM_LACKING = N_("in {place} I lack {lacking}")
    PROBLEM_CATEGORY_GONE = N_("category {id} is gone")
    PROBLEM_FEW_PLACES = P_(
        "only {count} free place left in its categories: add a category",
        "only {count} free places left in its categories: add a category",
    )
    PROBLEM_CHANNEL_GONE = N_("its {what} is gone")
    PROBLEM_ROLES_GONE = P_("{count} support role is gone", "{count} support roles are gone")
    PROBLEM_NO_SUPPORT_ROLE = N_("no support role: only admins can work its tickets")
    PROBLEM_UNPINGABLE = N_(
        "{roles} cannot be pinged (not mentionable, and I lack Mention All Roles): nobody is told about new tickets"
    )
    FIELD_MODULE = N_("Module")
    FIELD_TICKETS = N_("Tickets")
    FIELD_CHANNELS = N_("Channels")
    FIELD_ADMINS_STAFF = N_("Admins · staff")
    FIELD_MISSING_PERMISSIONS = N_("Missing permissions")
    FIELD_GROUPS = N_("Groups")
    FIELD_PANELS = N_("Panels")
    FIELD_PROBLEMS = N_("Problems")

    # -- groups, panels, setup ------------------------------------------------------------------------
    GROUP_NOT_FOUND = N_("There is no ticket group called “{name}” here.")
    GROUP_EXISTS = N_("A ticket group called “{name}” already exists.")
    GROUP_HAS_OPEN_TICKETS = P_(
        "“{name}” still has {count} open ticket; close it before deleting the group.",
        "“{name}” still has {count} open tickets; close them before deleting the group.",
    )
    GROUP_NAME_BAD = N_("A group name needs 1 to 50 characters.")
    NOT_A_CATEGORY = N_("“{name}” is not a category.")
    NOT_A_TEXT_CHANNEL = N_("“{name}” is not a text channel.")
    CHANNEL_UNKNOWN = N_("I cannot find the channel “{name}” in this server.")
    ROLE_UNKNOWN = N_("I cannot find the role “{name}” in this server.")
    THREAD_MODE_NEEDS_PARENT = N_(
        "A thread-mode group needs a parent text channel (parent_channel) for its private threads."
    )
    CANNOT_CLEAR = N_("“{name}” cannot be cleared; the fields that can are: {fields}.")
    GROUP_CREATED = N_("Created the group “{name}”.")
    GROUP_SAVED = N_("Saved “{name}”.")
    GROUP_DELETED = N_("Deleted the group “{name}”.")
    GROUP_DELETED_PANELS = P_(
        " Its entries were removed from {count} panel.", " Its entries were removed from {count} panels."
    )
    FORM_NOW_HAS = P_(
        "The form of “{name}” now has {count} field.", "The form of “{name}” now has {count} fields."
    )
    OPENING_MESSAGE_TOO_LONG = N_("The opening message can be at most {max} characters.")
    OPENING_UNKNOWN_VARIABLE = N_("The opening message uses an unknown variable {{{name}}}.")
    USER_LIMIT_RANGE = N_("The per-user limit must be 0 (no limit) to {max}.")
    DAILY_LIMIT_RANGE = N_("The daily limit must be 0 (no limit) to {max}.")
    LABEL_RETENTION = N_("Closed retention")
    OUT_OF_HOURS_INVALID = N_("Out of hours must be allow, warn or block.")
    PING_ON_INVALID = N_(
        "Ping on must be open (when the ticket opens), first_message (when the owner first writes) or never."
    )
    CLAIM_MODE_INVALID = N_(
        "Claim mode must be label (it only shows who works the ticket), exclusive (other support staff may "
        "read but not write) or hidden (other support staff cannot see it)."
    )
    LABEL_WARN = N_("Warning before an automatic close")
    FIELD_STAFF_WORKFLOW = N_("Staff")
    GROUP_STAFF_WORKFLOW = N_(
        "pinged: {roles} ({when}); new tickets listed in: {channel}; claiming: {claim}; "
        "warning before an automatic close: {warn}"
    )
    BLACKLISTED = N_("You cannot open tickets in this server.")
    BLACKLISTED_REASON = N_("Reason: {reason}.")
    BLACKLISTED_UNTIL = N_("This lasts until {when}.")
    BLACKLISTED_OWNER = N_(
        "{owner} is blacklisted from opening tickets ({reason}; {until}). Open one for them anyway?"
    )
    UNTIL_REMOVED = N_("until removed")
    NO_REASON = N_("no reason given")
    YES_OPEN_ANYWAY = N_("Yes, open it")
    BLACKLIST_NOT_EVERYONE = N_(
        "Blacklisting @everyone would stop the whole server; use /tickets disable instead."
    )
    BLACKLIST_NOT_THIS_MEMBER = N_("Bots and you yourself cannot be blacklisted.")
    BLACKLIST_NOT_LISTED = N_("{target} is not on the blacklist.")
    BLACKLIST_NEED_ONE = N_("Name a member or a role (one of them).")
    BLACKLIST_ADDED = N_("{target} can no longer open tickets{until}.")
    BLACKLIST_ADDED_UNTIL = N_(" until {when}")
    BLACKLIST_REMOVED = N_("{target} can open tickets again.")
    BLACKLIST_TITLE = N_("Blacklist")
    BLACKLIST_LINE = N_("{target}: {reason}{shown} · {until}")
    BLACKLIST_REASON_SHOWN = N_(" (shown to them)")
    BLACKLIST_EMPTY = N_("Nobody is blacklisted.")
    CLOSE_REQUEST_ACCEPT = N_("Yes, close it")
    CLOSE_REQUEST_KEEP = N_("Keep it open")
    CLOSE_REQUEST_PENDING = N_(
        "Ticket #{number} already has a close request waiting; it closes {when} unless answered."
    )
    CLOSE_REQUEST_NONE = N_("Ticket #{number} has no close request waiting.")
    CLOSE_REQUEST_AFTER_RANGE = N_("The time to answer must be between 10 minutes and 30 days.")
    CLOSE_REQUEST_ANSWERED = N_("Answered by {member}: {answer}.")
    REASON_REQUEST_ACCEPTED = N_("close request accepted by {member}")
    REASON_REQUEST_UNANSWERED = N_("the close request was not answered")
    INACTIVITY_WARNING = N_(
        "{owner}, this ticket closes {when} because nobody has written in it. Reply to keep it open."
    )
    EXPIRY_WARNING = N_("{owner}, this ticket expires and closes {when}.")
    EXPIRY_WARNING_CLEARABLE = N_("Reply to keep it open.")
    STAFF_PING_FIRST_MESSAGE = N_("{roles}: the owner of ticket #{number} has written.")
    STAFF_NOTIFY_LINE = N_("New ticket #{number} ({group}) from {owner}: {link}")
    PING_ON_WORDS = {
        "open": N_("when a ticket opens"),
        "first_message": N_("when the owner first writes"),
        "never": N_("never"),
    }
    GROUP_MODE_WORDS = {"channel": N_("channel"), "thread": N_("thread")}
    PANEL_KIND_WORDS = {
        "button": N_("one button"),
        "type_buttons": N_("a button per entry"),
        "dropdown": N_("dropdown"),
    }
    FIELD_KIND_WORDS = {
        "short": N_("short text"),
        "paragraph": N_("paragraph"),
        "select": N_("choice"),
        "user": N_("member"),
        "role": N_("role"),
    }
    GROUP_CHANNEL_WORDS = {
        "parent_channel_id": N_("parent channel"),
        "closed_category_id": N_("closed category"),
        "locked_category_id": N_("locked category"),
        "assigned_category_id": N_("assigned category"),
        "transcript_channel_id": N_("transcript channel"),
        "form_channel_id": N_("form channel"),
        "feedback_channel_id": N_("feedback channel"),
        "log_channel_id": N_("log channel"),
        "staff_notify_channel_id": N_("staff notification channel"),
    }
    CLAIM_MODE_WORDS = {
        "label": N_("shows who works the ticket"),
        "exclusive": N_("others of the support roles may only read"),
        "hidden": N_("others of the support roles cannot see the ticket"),
    }
    FORM_NEEDS_LABEL = N_("Give the new field a label.")
    FORM_FIELD_NOT_FOUND = N_("That form field does not exist; pick one from the list.")
    FORM_NEEDS_POSITION = N_("Give the new position (1 is first).")
    FORM_ACTION_INVALID = N_("Choose add, edit, remove, move or title.")
    FIELD_KIND_INVALID = N_("Field kind must be short, paragraph, select, user or role.")
    LABEL_NAME_TEMPLATE = N_("Name template")
    LABEL_PRIORITY_LEVELS = N_("Priority levels")
    LABEL_RATING_LEVELS = N_("Rating levels")
    LABEL_SCHEDULE = N_("Schedule")
    LABEL_COOLDOWN = N_("Cooldown")
    LABEL_INACTIVITY = N_("Inactivity close")
    LABEL_FORM = N_("Form")
    GROUP_TITLE = N_("Group: {name}")
    GROUP_TITLE_DEFAULT = N_("Group: {name} (default)")
    GROUP_WHERE_THREADS = N_("private threads in {channel}")
    GROUP_NO_CATEGORY = N_("no category")
    GROUP_NO_CATEGORY_TOP = N_("no category (channels open at the top of the server)")
    GROUP_STATUS_CATEGORIES = N_("closed {closed} · locked {locked} · assigned {assigned}")
    GROUP_CHANNELS = N_("transcripts {transcripts} · forms {forms} · feedback {feedback} · log {log}")
    GROUP_SCHEDULE = N_("{schedule} · out of hours: {out_of_hours}")
    GROUP_LINE = P_("limit {limit} · {fields} form field", "limit {limit} · {fields} form fields", "fields")
    GROUP_ID = N_("Group id {id}")
    GROUPS_TITLE = N_("Ticket groups")
    NO_GROUPS_YET = N_("No groups yet.")
    OWNER_MESSAGES_ONLY = N_(" (owner's messages only)")
    NO_FORM = N_("no form")
    FIELD_MODE = N_("Mode")
    FIELD_STATUS_CATEGORIES = N_("Status categories")
    FIELD_SUPPORT_ROLES = N_("Support roles")
    FIELD_NAME_TEMPLATE = N_("Name template")
    FIELD_USER_LIMIT = N_("Per-user limit")
    FIELD_COOLDOWN = N_("Cooldown")
    FIELD_OWNER_MAY_CLOSE = N_("Owner may close")
    FIELD_CLOSE_ON_LEAVE = N_("Close when owner leaves")
    FIELD_INACTIVITY = N_("Inactivity close")
    FIELD_DAILY_LIMIT = N_("Tickets per member per day")
    FIELD_RETENTION = N_("Closed channels removed after")
    KEPT = N_("kept")
    FIELD_SCHEDULE = N_("Schedule")
    FIELD_PRIORITY_LEVELS = N_("Priority levels")
    FIELD_RATING_LEVELS = N_("Rating levels")
    FIELD_FORM_TITLED = N_("Form: {title}")
    FIELD_OPENING_MESSAGE = N_("Opening message")
    PANEL_NOT_FOUND = N_("There is no panel called “{name}” here.")
    PANEL_EXISTS = N_("A panel called “{name}” already exists.")
    PANEL_FULL = N_("A panel holds at most {limit} entries.")
    PANEL_EMPTY = N_("The panel “{name}” has no entries yet; add one with /panel add-entry.")
    PANEL_BUTTON_ONE_ENTRY = N_(
        "A “button” panel opens one group; it already has its entry. Use type_buttons or dropdown for more."
    )
    ENTRY_NOT_FOUND = N_("That panel entry does not exist (any more).")
    ENTRY_GONE = N_("This option is no longer available; ask the staff to refresh the panel.")
    PANEL_POSTED = N_("Panel “{name}” is posted in {channel}.")
    PANEL_REFRESHED = N_("Panel “{name}” was refreshed in {channel}.")
    DEFAULT_PANEL_TITLE = N_("Need help?")
    DEFAULT_PANEL_DESCRIPTION = N_("Open a ticket and our team will get back to you in a private channel.")
    DEFAULT_OPEN_LABEL = N_("Open a ticket")
    DROPDOWN_PLACEHOLDER = N_("Choose what you need help with")
    PANEL_CREATED = N_("Created the panel “{name}” ({kind}). Add entries with /panel add-entry.")
    PANEL_HAS_ENTRIES = N_("“{name}” now has {entries}.")
    PANEL_ENTRY_REMOVED = N_("Removed the entry; “{name}” has {count} left.")
    PANEL_DELETED = N_("Deleted the panel “{name}”.")
    PANEL_NAME_BAD = N_("A panel name needs 1 to {max} characters.")
    PANELS_TITLE = N_("Panels")
    NO_PANELS_YET = N_("No panels yet.")
    ENTRIES = P_("{count} entry", "{count} entries")
    POSTED_IN = N_("posted in {channel}")
    NOT_POSTED = N_("not posted")
    EMOJI_TOO_LONG = N_("An emoji can be at most 100 characters.")
    NOT_AN_EMOJI = N_("“{text}” is not an emoji; use a Unicode emoji or a custom one like <:name:id>.")

    # -- opening tickets --------------------------------------------------------------------------------
    TICKET_READY = N_("Your ticket is ready: {channel}")
    TICKET_READY_FOR = N_("Ticket {channel} is open for {user}.")
    ALREADY_OPEN = P_(
        "You already have {count} open ticket in {group} (the limit is {limit}): {links}",
        "You already have {count} open tickets in {group} (the limit is {limit}): {links}",
    )
    ALREADY_OPEN_FOR = P_(
        "{user} already has {count} open ticket in {group} (the limit is {limit}): {links}",
        "{user} already has {count} open tickets in {group} (the limit is {limit}): {links}",
    )
    BEING_OPENED = N_("a ticket being opened")
    COOLDOWN_ACTIVE = N_("You can open another {group} ticket {when}.")
    DAILY_LIMIT = P_(
        "You opened {count} {group} ticket in the last 24 hours, the most allowed; please try again tomorrow.",
        "You opened {count} {group} tickets in the last 24 hours, the most allowed; please try again tomorrow.",
    )
    OUT_OF_HOURS_BLOCK = N_("{group} support is closed right now. We open again {when}.")
    OUT_OF_HOURS_BLOCK_NEVER = N_(
        "{group} support has no opening hours set, so tickets cannot be opened right now."
    )
    OUT_OF_HOURS_WARN = N_("Heads-up: we are outside support hours; the team is back {when}.")
    LATER = N_("later")
    CATEGORIES_FULL = N_(
        "Every ticket category of {group} is full (49 channels each). An admin needs to add a category."
    )
    GUILD_FULL = N_("This server has reached Discord's limit of 500 channels; ask an admin to make room.")
    CATEGORY_GONE = N_(
        "The ticket category of {group} no longer exists; an admin needs to fix it with /group edit."
    )
    PARENT_GONE = N_(
        "The channel {group} opens threads in no longer exists; an admin needs to fix it with /group edit."
    )
    CATEGORY_OVERFLOW = N_(
        "Heads-up: the first ticket category of {group} is full, so ticket #{number} opened in the next one."
    )
    NO_BOT_TICKETS = N_("Tickets cannot be opened for bots.")
    NO_GROUPS = N_(
        "There are no ticket groups yet. An admin can create one with /tickets setup or /group create."
    )
    PICK_GROUP = N_("What do you need help with?")
    FORM_EXPIRED = N_("This form was opened before the bot restarted or too long ago; please open it again.")
    FORM_INVALID = N_("{detail}")
    OPENING_TITLE = N_("Ticket #{number} · {group}")
    OPENING_DEFAULT = N_(
        "Hello {user}, thanks for reaching out. Describe your problem and the team will be with you soon."
    )
    OPENED_BY = N_("Opened by {actor} for {owner}.")
    FIELD_OPENED_BY = N_("Opened by")
    FIELD_MESSAGE = N_("Message")
    FIELD_SUPPORT_HOURS = N_("Support hours")
    FIELD_LINK = N_("Link")
    FIELD_NOTE = N_("Note")
    TICKET_FOOTER = N_("Ticket #{number}")
    TICKET_TOPIC = N_("Ticket #{number} · {group} · {marker}")
    FORM_DEFAULT_TITLE = N_("Form")
    NO_TEXT = N_("(no text)")
    QUOTED_MESSAGE = N_("Message from {author}")
    FORM_TRUNCATED = N_("Some answers were too long to show here; the full answers are attached.")
    FORM_RESULTS_TITLE = N_("Form answers for ticket #{number} · {group}")
    LOG_OPENED = N_("Ticket #{number} ({group}) opened by {owner} in {channel}.")
    SETUP_DONE = N_("Setup is ready. Created: {created}. Already there: {existing}. Panel: {panel}.")
    SETUP_NOTHING = N_("nothing")
    SETUP_ROLE = N_("role {role}")
    SETUP_GROUP = N_("group “{name}”")
    SETUP_CATEGORY = N_("category “{name}”")
    SETUP_PANEL = N_("panel “{name}”")
    SETUP_PANEL_MESSAGE = N_("panel message in {channel}")
    SETUP_NAMES = {  # what /tickets setup creates, named in the server's language
        "role": N_("Ticket Support"),
        "open": N_("Tickets"),
        "closed": N_("Closed Tickets"),
        "group": N_("Support"),
        "panel": N_("Support"),
    }
    # why, in the server's audit log
    AUDIT_SETUP = N_("/tickets setup by {actor}")
    AUDIT_WEBHOOK = N_("/message send as a webhook")
    AUDIT_RENAMED = N_("Ticket renamed")
    AUDIT_OPENED = N_("Ticket #{number} opened for {owner} ({id})")
    AUDIT_TICKET = N_("Ticket #{number}")
    AUDIT_TICKET_DELETED = N_("Ticket #{number} deleted")
    AUDIT_NOTES = N_("Notes for ticket #{number}")
    AUDIT_MOVED = N_("Ticket #{number}: {home}")
    AUDIT_REMOVED = {
        "duplicate": N_("Duplicate channel of ticket #{number}"),
        "abandoned": N_("Opening this ticket was abandoned"),
        "leftover": N_("Leftover channel of a ticket that was never opened"),
    }
    AUDIT_HOMES = {
        "open": N_("open"),
        "closed": N_("closed"),
        "locked": N_("locked"),
        "assigned": N_("assigned"),
    }
    STILL_OPENING = N_("Your ticket is still being opened; its link will follow in a moment.")
    OPENING_CANCELLED = N_("Opening this ticket was cancelled before it was ready; nothing was opened.")

    # -- working tickets -------------------------------------------------------------------------------
    STATUS_WORDS = {
        "creating": N_("still being opened"),
        "open": N_("open"),
        "closed": N_("closed"),
        "deleted": N_("deleted"),
    }
    STATE_REFUSED = N_("Ticket #{number} is {status}, so it cannot be {done}.")
    ACTION_PAST = {
        "create": N_("opened"),
        "close": N_("closed"),
        "reopen": N_("reopened"),
        "delete": N_("deleted"),
        "lock": N_("locked"),
        "unlock": N_("unlocked"),
        "claim": N_("claimed"),
        "assign": N_("assigned"),
        "unassign": N_("unassigned"),
        "transfer": N_("transferred"),
        "owner": N_("given a new owner"),
        "add": N_("changed"),
        "remove": N_("changed"),
        "rename": N_("renamed"),
        "priority": N_("reprioritised"),
        "move": N_("moved"),
        "expire": N_("given an expiry"),
        "eternal": N_("changed"),
        "close_request": N_("asked to close"),
        "keep_open": N_("kept open"),
    }
    ALREADY_LOCKED = N_("Ticket #{number} is already locked.")
    NOT_LOCKED = N_("Ticket #{number} is not locked.")
    NOT_ASSIGNED = N_("Ticket #{number} is not assigned to anyone.")
    NOT_CLAIMED = N_("Ticket #{number} is not claimed yet; use claim or assign.")
    THE_BOT = N_("the bot")
    NOT_A_TICKET = N_(
        "This is not a ticket channel. Use the command in a ticket, or name one with `ticket:` (its number)."
    )
    TICKET_NOT_FOUND = N_("There is no ticket #{number} here.")
    OWNER_OR_STAFF = N_("Only staff or the ticket's owner can do that.")
    NOT_STAFF_MEMBER = N_("{member} is not staff for {group} tickets.")
    ALREADY_CLAIMED = N_(
        "Ticket #{number} is already claimed by {member}; use /ticket transfer to hand it over."
    )
    ALREADY_YOURS = N_("Ticket #{number} is already assigned to {member}.")
    ALREADY_OWNER = N_("{member} already owns ticket #{number}.")
    ALREADY_MEMBER = N_("{member} is already in ticket #{number}.")
    NOT_A_MEMBER = N_("{member} was not added to ticket #{number}.")
    CANNOT_REMOVE_OWNER = N_(
        "The owner cannot be removed; give the ticket a new owner with /ticket owner first."
    )
    NO_BOTS = N_("Bots cannot be added to tickets or own them.")
    NOT_IN_SERVER = N_("{member} is not in this server any more.")
    REOPEN_LIMIT = P_(
        "{owner} already has {count} open ticket in {group} (the limit is {limit}); close one first.",
        "{owner} already has {count} open tickets in {group} (the limit is {limit}); close one first.",
    )
    NO_LEVELS = N_("The {group} group has no priority levels; an admin can add them with /group edit.")
    UNKNOWN_LEVEL = N_("“{level}” is not one of the priority levels of {group}: {levels}.")
    SAME_GROUP = N_("Ticket #{number} is already in {group}.")
    MOVE_MODE = N_("Tickets can only move between groups of the same mode ({mode}).")
    MOVE_PARENT = N_("A thread cannot move to a group whose tickets live in another channel.")
    ETERNAL_ALREADY_ON = N_("Ticket #{number} is already eternal.")
    ETERNAL_ALREADY_OFF = N_("Ticket #{number} is not eternal.")
    ETERNAL_NO_EXPIRY = N_(
        "Ticket #{number} is eternal, so it never expires; turn that off first with /ticket eternal."
    )
    NAME_INVALID = N_("That name leaves nothing usable for a channel name.")
    NAME_SAME = N_("Ticket #{number} is already called {name}.")
    DONE = N_("Done: {what}.")
    DONE_TICKET = {
        "close": N_("ticket #{number} closed"),
        "reopen": N_("ticket #{number} reopened"),
        "delete": N_("ticket #{number} deleted"),
        "lock": N_("ticket #{number} locked"),
        "unlock": N_("ticket #{number} unlocked"),
        "claim": N_("ticket #{number} is yours"),
        "unassign": N_("ticket #{number} is unassigned"),
        "assign": N_("ticket #{number} is assigned to {member}"),
        "transfer": N_("ticket #{number} is transferred to {member}"),
        "owner": N_("ticket #{number} now belongs to {member}"),
        "add": N_("ticket #{number} now includes {member}"),
        "remove": N_("ticket #{number} no longer includes {member}"),
        "rename": N_("ticket #{number} will be called {name}"),
        "priority": N_("ticket #{number} has its new priority"),
        "move": N_("ticket #{number} moved to {group}"),
        "expire": N_("ticket #{number} expires {when}"),
        "eternal_on": N_("ticket #{number} is eternal"),
        "eternal_off": N_("ticket #{number} is no longer eternal"),
        "close_request": N_("ticket #{number} closes {when} unless its owner answers"),
        "keep_open": N_("ticket #{number} stays open"),
    }
    YES_CLOSE = N_("Yes, close")
    YES_DELETE = N_("Yes, delete")
    WORKING_ON = N_("Working on ticket #{number}…")
    REASON_SHOWN = N_("\nReason: {reason}")
    TICKET_TITLE = N_("Ticket #{number}")
    TICKETS_TITLE = N_("Tickets ({total})")
    TICKET_IDS = N_("id {id} · uuid {uuid}")
    NO_TICKETS_MATCH = N_("No tickets match.")
    PAGE_OF = N_("Page {page} of {pages}")
    STATUS_LOCKED_SUFFIX = N_(" · locked")
    OWNER_LEFT_SUFFIX = N_(" (left)")
    EXPIRY_ETERNAL = N_("never (eternal)")
    EXPIRY_CLEARABLE_SUFFIX = N_(" (cleared by the owner's next message)")
    HISTORY_LINE = N_("{when} {action} by {actor}")
    HISTORY_REFUSED = N_("{when} {action} (refused) by {actor}")
    FIELD_STATUS = N_("Status")
    FIELD_GROUP = N_("Group")
    FIELD_CHANNEL = N_("Channel")
    FIELD_OWNER = N_("Owner")
    FIELD_ASSIGNED = N_("Assigned")
    FIELD_PRIORITY = N_("Priority")
    FIELD_MEMBERS = N_("Members")
    FIELD_OPENED = N_("Opened")
    FIELD_CLOSED = N_("Closed")
    FIELD_EXPIRES = N_("Expires")
    FIELD_LAST_ACTIVITY = N_("Last activity")
    FIELD_CLOSE_REASON = N_("Close reason")
    FIELD_FORM = N_("Form")
    FIELD_HISTORY = N_("History")
    CONFIRM_CLOSE = N_("Close ticket #{number}?{reason}")
    CONFIRM_DELETE = N_("Delete ticket #{number}? Its channel goes away; the record and transcript stay.")
    CANCELLED = N_("Nothing was changed.")
    CANCEL = N_("Cancel")
    WORKING = N_("Working…")
    CLOSE_REASON_LABEL = N_("Reason (optional)")
    CLOSE_MODAL_TITLE = N_("Close this ticket")
    TICKET_BUTTONS = {
        "close": N_("Close"),
        "claim": N_("Claim"),
        "transcript": N_("Transcript"),
        "reopen": N_("Reopen"),
        "delete": N_("Delete"),
    }

    ANNOUNCE = {
        "close_request": N_(
            "❓ {actor} asks {target} whether this ticket can be closed{reason}. "
            "It closes {detail} unless someone answers."
        ),
        "keep_open": N_("✋ {actor} asked to keep this ticket open{reason}"),
        "close": N_("🔒 Closed by {actor}{reason}"),
        "reopen": N_("🔓 Reopened by {actor}{reason}"),
        "lock": N_("🔐 Locked by {actor}: the owner can read but not write{reason}"),
        "unlock": N_("🔓 Unlocked by {actor}{reason}"),
        "claim": N_("🙋 Claimed by {actor}{reason}"),
        "assign": N_("📌 Assigned to {target} by {actor}{reason}"),
        "unassign": N_("📌 Unassigned by {actor}{reason}"),
        "transfer": N_("🔁 Transferred to {target} by {actor}{reason}"),
        "owner": N_("👤 {target} now owns this ticket (changed by {actor}){reason}"),
        "add": N_("➕ {target} was added by {actor}{reason}"),
        "remove": N_("➖ {target} was removed by {actor}{reason}"),
        "rename": N_("✏️ Renamed to “{detail}” by {actor}{reason}"),
        "priority": N_("⚑ Priority set to {detail} by {actor}{reason}"),
        "move": N_("📦 Moved to {detail} by {actor}{reason}"),
        "expire": N_("⏳ {detail} (set by {actor}){reason}"),
        "eternal": N_("♾️ {detail} (set by {actor}){reason}"),
        "delete": N_("🗑️ Deleted by {actor}{reason}"),
    }
    EXPIRES_AT = N_("This ticket closes {when} unless it is answered")
    EXPIRES_AT_CLEARABLE = N_("This ticket closes {when} unless its owner writes")
    EXPIRY_REMOVED = N_("This ticket no longer expires")
    ETERNAL_ON = N_("This ticket never expires or closes by itself")
    ETERNAL_OFF = N_("This ticket can expire and close by itself again")
    REASON_EXPIRED = N_("It expired.")
    REASON_INACTIVE = N_("No activity for {duration}.")
    REASON_OWNER_LEFT = N_("The owner left the server.")
    REASON_CHANNEL_DELETED = N_("The ticket's channel was deleted by hand.")
    REASON_PRIVACY = N_("Closed at the owner's privacy request.")
    REASON_MAKE_ROOM = N_(
        "Its category was full; the ticket that closed first makes room (its transcript is kept)."
    )
    REASON_RETENTION = N_("Closed channels of this group are removed after a while (the transcript is kept).")
    LOG_LINE = N_("Ticket #{number} ({group}): {action} by {actor}{reason}")
    SYNC_DONE = N_("Sync finished: {report}.")
    SYNC_REPORT = {
        "repaired": P_("{count} interrupted opening finished", "{count} interrupted openings finished"),
        "discarded": P_("{count} abandoned", "{count} abandoned"),
        "ended": P_(
            "{count} ticket whose channel was gone ended", "{count} tickets whose channel was gone ended"
        ),
        "owners_left": P_("{count} owner gone", "{count} owners gone"),
        "corrected": P_("{count} channel corrected", "{count} channels corrected"),
        "renamed": P_("{count} rename queued", "{count} renames queued"),
        "leftovers": P_("{count} leftover channel removed", "{count} leftover channels removed"),
        "config_fixes": P_("{count} group setting fixed", "{count} group settings fixed"),
        "archived": P_(
            "{count} message that arrived while away archived",
            "{count} messages that arrived while away archived",
        ),
    }

    # -- notes and transcripts ----------------------------------------------------------------------------
    NOTES_EXIST = N_("This ticket already has notes: {thread}.")
    NOTES_CLOSED = N_("Ticket #{number} is not open, so notes cannot be started.")
    NOTES_MISSING = N_("Ticket #{number} has no notes yet; start them with /notes create.")
    NOTES_STAFF_ONLY = N_("Notes are for staff only: {member} is not staff for this ticket.")
    NOTES_INTRO = N_(
        "Staff notes for ticket #{number} ({ticket}). The ticket's owner cannot see this thread."
    )
    NOTES_CREATED = N_("Notes started: {thread}")
    TRANSCRIPT_READY = N_("Transcript of ticket #{number} ({fmt}, {copy}).")
    TRANSCRIPT_PARTS = N_("Transcript of ticket #{number} ({fmt}, {copy}), part {part} of {parts}.")
    TRANSCRIPT_SAVED = N_(
        "Saved ticket #{number}: {messages} messages, {files} attachments ({size}); {added} added, {edited} edits and {deleted} deletions caught up."
    )
    TRANSCRIPT_SENT = N_("Sent the transcript of ticket #{number} to {member} by DM.")
    TRANSCRIPT_DM_CLOSED = N_(
        "{member} does not accept direct messages from this server, so the transcript was not sent."
    )
    TRANSCRIPT_CLOSED_POST = N_("Transcript of ticket #{number} ({group}), closed{reason}.")
    TRANSCRIPT_OWNER_DM = N_("Your ticket #{number} in {server} was closed{reason}. Here is its transcript.")
    COPY_STAFF = N_("staff copy with notes")
    COPY_OWNER = N_("your copy")
    ATTACHMENTS_NOT_DELIVERED = N_("attachments are kept by the bot but too large to deliver here")
    DONE_NOTES_ADDED = N_("{member} is in {thread}")
    DONE_NOTES_REMOVED = N_("{member} left {thread}")

    # -- custom messages, privacy, feedback, stats, module administration -----------------------------------
    MESSAGE_NOT_FOUND = N_("There is no saved message called “{name}” here.")
    MESSAGE_EXISTS = N_("A saved message called “{name}” already exists.")
    MESSAGE_INVALID = N_("Discord would refuse that message: {detail}.")
    MESSAGE_UNKNOWN_VARIABLE = N_(
        "The message uses an unknown variable {{{name}}}; the variables are {known}."
    )
    MESSAGE_FORUM_NEEDS_NAME = N_("A forum channel needs a post title: give thread_name.")
    MESSAGE_SENT_NOT_FOUND = N_("That message is not in that channel.")
    MESSAGE_NOT_OURS = N_("That message was not sent by this bot, so it cannot be edited.")
    MESSAGE_NOT_SENT_BY_US = N_(
        "Only messages that /message send made can be edited with it; that one was not."
    )
    ACTOR_LACKS = N_("You cannot do that yourself in {channel}: you lack {permissions}.")
    MESSAGE_SENT = N_("Sent: {link}")
    MESSAGE_EDITED = N_("Edited: {link}")
    MESSAGE_SAVED = N_("Saved the message “{name}”.")
    MESSAGE_NAME_BAD = N_("A message name needs 1 to {max} characters.")
    COLOUR_INVALID = N_("The colour must be hex, like #5865f2.")
    MESSAGE_MODAL_TITLE = N_("Saved message: {name}")
    MESSAGE_FIELD_CONTENT = N_("Content ({user} {ticket} {group} {server})")
    MESSAGE_FIELD_TITLE = N_("Embed title")
    MESSAGE_FIELD_DESCRIPTION = N_("Embed description")
    MESSAGE_FIELD_COLOUR = N_("Embed colour")
    MESSAGE_FIELD_JSON = N_("Or embeds as JSON (advanced)")
    SAVED_MESSAGES_TITLE = N_("Saved messages")
    SAVED_MESSAGE_LINE = P_(
        "**{name}** · {chars} characters, {embeds} embed",
        "**{name}** · {chars} characters, {embeds} embeds",
        "embeds",
    )
    DONE_MESSAGE_DELETED = N_("deleted “{name}”")
    PRIVACY_TITLE = N_("What TicketDesk keeps about you in this server")
    PRIVACY_NOTHING = N_("Nothing: TicketDesk keeps no data about you in this server.")
    PRIVACY_DELETE_CONFIRM = N_(
        "This removes your messages, attachments, form answers and feedback comments from every ticket and "
        "transcript here, closes your open tickets, and replaces your name and id with a placeholder. It cannot "
        "be undone. Messages on Discord itself are not deleted by this."
    )
    PRIVACY_DELETED = N_("Done. Removed: {summary}.")
    PRIVACY_EXPORT = N_("Everything TicketDesk keeps about you in this server.")
    PRIVACY_EXPORT_BUTTON = N_("Export")
    PRIVACY_DELETE_BUTTON = N_("Delete my data")
    YES_DELETE_MY_DATA = N_("Yes, delete my data")
    PRIVACY_LABELS = {
        "tickets_owned": N_("tickets you opened"),
        "tickets_assigned": N_("tickets assigned to you"),
        "form_answers": N_("tickets with form answers"),
        "tickets_opened_for_others": N_("tickets you opened for others"),
        "form_picks": N_("tickets whose form named you"),
        "quoted": N_("tickets quoting your messages"),
        "close_reasons": N_("close reasons mentioning you"),
        "messages": N_("archived messages"),
        "attachments": N_("attachments"),
        "mentions": N_("messages mentioning you"),
        "memberships": N_("tickets you were added to"),
        "members_added": N_("members you added to tickets"),
        "feedback": N_("ratings"),
        "saved_messages": N_("saved messages you created"),
        "messages_sent": N_("saved messages you sent"),
        "events": N_("log entries naming you"),
        "close_requests": N_("close requests you made"),
        "tags": N_("tags you created"),
        "blacklisted": N_("blacklist entries about you (kept: they are the server's decision)"),
        "blacklist_entries_added": N_("blacklist entries you added"),
    }
    FEEDBACK_ASK = N_("Ticket #{number} in {server} was closed. How did we do?")
    FEEDBACK_PLACEHOLDER = N_("Rate the help you got")
    FEEDBACK_THANKS = N_("Thanks for rating ticket #{number}: {label}.")
    FEEDBACK_COMMENT_THANKS = N_("Thanks, your comment was added.")
    FEEDBACK_ONLY_OWNER = N_("Only the ticket's owner can rate it.")
    FEEDBACK_ALREADY = N_("You already rated ticket #{number} ({label}); a ticket is rated once.")
    FEEDBACK_LATE = N_("The time to rate ticket #{number} has passed.")
    FEEDBACK_NOT_CLOSED = N_("Ticket #{number} is open again; you can rate it once it is closed.")
    FEEDBACK_NO_LEVELS = N_("This ticket's group has no rating levels any more.")
    FEEDBACK_POST = N_("Feedback for ticket #{number} ({group}): {label}")
    FEEDBACK_COMMENT_TITLE = N_("Anything to add? (optional)")
    FEEDBACK_COMMENT_BUTTON = N_("Add a comment")
    FEEDBACK_COMMENT_MODAL = N_("Your comment")
    FIELD_COMMENT = N_("Comment")
    STATS_TITLE = N_("Ticket stats ({period})")
    PERIOD_INVALID = N_("Period: {detail}; use 7d, 30d, 90d or all.")
    RATINGS_SUMMARY = N_("{count}, average {average} ({spread})")
    STATS_GROUP_LINE = N_("**{group}**: {created} opened, {closed} closed, {open} open")
    STATS_STAFF_LINE = N_("{user}: {closed} closed, {claimed} claimed, {first} first responses")
    CHART_TITLE = N_("tickets per day:")
    CHART_OPENED = N_("opened")
    CHART_CLOSED = N_("closed")
    FIELD_OPEN_NOW = N_("Open now")
    FIELD_OPENED_COUNT = N_("Opened")
    FIELD_CLOSED_COUNT = N_("Closed")
    FIELD_FIRST_RESPONSE = N_("Median first staff response")
    FIELD_TIME_TO_CLOSE = N_("Median time to close")
    FIELD_RATINGS = N_("Ratings")
    FIELD_PER_GROUP = N_("Per group")
    FIELD_PER_STAFF = N_("Per staff member")
    ALREADY_ENABLED = N_("Tickets are already enabled here.")
    ALREADY_DISABLED = N_("Tickets are already disabled here.")
    ENABLED = N_("Tickets are enabled: panels and /ticket open work again.")
    DISABLED = N_(
        "Tickets are disabled: panels answer that tickets are disabled; existing tickets keep working for staff."
    )
    PURGE_CONFIRM = N_(
        "This deletes every ticket, group, panel, transcript, attachment, rating and log entry TicketDesk keeps "
        "for this server. Channels and messages on Discord stay. It cannot be undone."
    )
    PURGE_NOT_CONFIRMED = N_(
        "Nothing was deleted. Run /tickets purge confirm:True to see the confirmation button."
    )
    PURGED = N_("Deleted all of TicketDesk's data for this server: {tickets} tickets, {files} stored files.")
    DELETE_EVERYTHING = N_("Delete everything")
    SETTINGS_SAVED = N_(
        "Saved. Ticket admins: {admins}. Staff: {staff}. Log channel: {log}. Language of tickets, panels, the log "
        "and transcripts: {language}."
    )
    LANGUAGE_FOLLOWS_SERVER = N_("{language} (the server's Discord language)")
    LANGUAGE_UNKNOWN = N_("TicketDesk speaks {languages}; pick one of those, or auto.")
    NOT_YOUR_BUTTONS = N_("These buttons belong to someone else's request; run the command yourself.")

    # -- rules: durations, forms, levels, names, schedules, message limits ----------------------------------
    DURATION_EMPTY = N_("give a duration such as 2d 4h, 30m or 1w")
    DURATION_INVALID = N_("'{text}' is not a duration; use something like 2d 4h")
    DURATION_ZERO = N_("the duration must be longer than zero")
    DURATION_TOO_LONG = N_("the duration must be at most ten years")
    MOMENT_INVALID = N_("'{text}' is neither a duration (2d 4h) nor an ISO 8601 time (2026-03-01T12:00:00Z)")
    MOMENT_PAST = N_("that time is in the past")
    MOMENT_TOO_FAR = N_("that time is more than ten years away")
    FORM_LABEL_LENGTH = N_("a field label needs 1 to {max} characters")
    FORM_PLACEHOLDER_LENGTH = N_("a placeholder can be at most {max} characters")
    FORM_DESCRIPTION_LENGTH = N_("a field description can be at most {max} characters")
    FORM_LENGTHS_RANGE = N_("lengths must lie between 0 and {max}")
    FORM_MIN_ABOVE_MAX = N_("the minimum length is above the maximum length")
    FORM_REQUIRED_EMPTY = N_("a required field must allow at least one character")
    FORM_SELECT_OPTIONS = N_("a select needs 1 to {max} options")
    FORM_SELECT_DUPLICATES = N_("select options must be different from each other")
    FORM_TOO_MANY_FIELDS = N_("a form holds at most {max} fields (a Discord modal's limit)")
    FORM_TITLE_LENGTH = N_("a form title needs 1 to {max} characters")
    FORM_SAME_KEY = N_("two fields share a key")
    FORM_SAME_LABEL = N_("two fields share a label")
    ANSWER_REQUIRED = N_("“{label}” is required")
    ANSWER_TOO_LONG = N_("“{label}” can be at most {max} characters")
    ANSWER_TOO_SHORT = N_("“{label}” needs at least {min} characters")
    ANSWER_NOT_AN_OPTION = N_("“{label}” got a choice that is not on the list")
    ANSWER_WRONG_KIND = N_("“{label}” got something that is not a {kind}")
    LEVELS_TOO_MANY = N_("at most {max} levels (a select menu's limit)")
    LEVEL_LABEL_LENGTH = N_("a level label needs 1 to {max} characters (got {got})")
    LEVEL_DESCRIPTION_LENGTH = N_("a level description can be at most {max} characters")
    LEVEL_EMOJI_LENGTH = N_("a level emoji can be at most {max} characters")
    LEVEL_COLOUR = N_("'{colour}' is not a colour like #ff8800")
    LEVEL_TWICE = N_("two levels are called '{label}'")
    LEVEL_TWO_DEFAULTS = N_("only one level can be the default (marked with *)")
    TEMPLATE_SYNTAX = N_("the template is not valid: {detail}")
    TEMPLATE_FORMAT_SPEC = N_("template variables take no format specs: write {number}, not {number:03}")
    TEMPLATE_LENGTH = N_("a name template needs 1 to {max} characters")
    TEMPLATE_UNKNOWN = N_("unknown template variable {{{name}}}; use {known}")
    TEMPLATE_EMPTY = N_("this template renders an empty channel name; include {number} or some letters")
    SCHEDULE_ZONE = N_("'{name}' is not an IANA timezone (for example Europe/Berlin or UTC)")
    SCHEDULE_TIME = N_("{time} is not a time of day")
    SCHEDULE_RANGE = N_("expected a time range like 09:00-17:00, got '{token}'")
    SCHEDULE_END_BEFORE_START = N_(
        "{token}: the end must come after the start (split overnight hours per day)"
    )
    SCHEDULE_EMPTY = N_("give days and hours, for example: mo-fr 09:00-17:00; sa 10:00-14:00 Europe/Berlin")
    SCHEDULE_OVERLAP = N_("two time ranges on the same day overlap")
    SCHEDULE_SPAN = N_("'{token}' is not a day span like mo-fr")
    SCHEDULE_DAY = N_("'{token}' is not a day (mo, tu, we, th, fr, sa, su)")
    EMBEDS_NOT_JSON = N_("the embeds are not valid JSON ({detail} at character {position})")
    EMBEDS_NOT_OBJECTS = N_("embeds must be JSON objects, each with a title or a description")
    EMBED_UNKNOWN_KEYS = N_("embed {index} has unknown keys: {keys}")
    MESSAGE_EMPTY = N_("a message needs some content or at least one embed")
    CONTENT_TOO_LONG = N_("the content is {length} characters; Discord allows {max}")
    TOO_MANY_EMBEDS = N_("there are {count} embeds; Discord allows {max}")
    EMBED_TEXT_TOO_LONG = N_("embed {index}: the {key} is {length} characters; Discord allows {max}")
    EMBED_TOO_MANY_FIELDS = N_("embed {index}: at most {max} fields")
    EMBED_FIELD_EMPTY = N_("embed {index}, field {number}: a field needs a name and a value")
    EMBED_FIELD_TOO_LONG = N_(
        "embed {index}, field {number}: names allow {name} and values {value} characters"
    )
    EMBED_FOOTER_TOO_LONG = N_("embed {index}: the footer allows {max} characters")
    EMBED_AUTHOR_TOO_LONG = N_("embed {index}: the author name allows {max} characters")
    EMBED_COLOUR = N_("embed {index}: the color must be a number from 0 to 16777215 (0xFFFFFF)")
    EMBED_KEY_NOT_OBJECT = N_("embed {index}: {key} must be an object (fields: a list of objects)")
    EMBEDS_TOO_LONG = N_("the embeds hold {total} characters in all; Discord allows {max}")

    # -- transcripts hardening --
    TRANSCRIPT_RATE_LIMITED = N_(
        "You asked for {limit} transcripts in the last minute. You can ask again {when}."
    )
    ATTACHMENT_NOT_IN_DOWNLOAD = N_("kept by the bot, not in this download")

    # -- inside transcript files (in the server's language) --
    TX_TITLE = N_("Ticket #{number} · {group}")
    TX_PART = N_("part {part}")
    TX_OWNER = N_("owner {owner}")
    TX_STATUS = N_("status: {status}")
    TX_OPENED = N_("opened {when}")
    TX_STAFF_COPY = N_("staff copy (with notes)")
    TX_OWNER_COPY = N_("the owner's copy")
    TX_GENERATED = N_("Generated {when} by TicketDesk")
    TX_CONVERSATION = N_("Conversation")
    TX_STAFF_NOTES = N_("Staff notes")
    TX_BOT = N_("BOT")
    TX_DELETED = N_("deleted")
    TX_MESSAGE_DELETED = N_("This message was deleted.")
    TX_EDITED = N_("(edited {when})")
    TX_EARLIER_VERSIONS = P_("{count} earlier version", "{count} earlier versions")
    TX_SIZE = N_("{size} KiB")
    TX_ATTACHMENT_STATUS = {
        "too_large": N_("too large to keep"),
        "failed": N_("could not be downloaded"),
        "erased": N_("erased"),
        "pending": N_("not downloaded yet"),
    }
    TX_TIMES_UTC = N_("times in UTC")
    TX_TEXT_OWNER = N_("Owner: {owner} ({id}) · status: {status} · generated {when}")
    TX_TEXT_BOT = N_("(bot)")
    TX_TEXT_MESSAGE_DELETED = N_("(message deleted)")
    TX_TEXT_EMBED = N_("[embed] {title}")
    TX_TEXT_ATTACHMENT = N_("[attachment] {name} ({size}, sha256 {digest})")
    TX_TEXT_DELETED_AT = N_("(deleted {when})")
    TX_TEXT_BEFORE = N_("(before {when}: {content})")

    # -- operators --
    CONFIG_FILE_NOT_TOML = N_("the config file {path} is not valid TOML: {detail}")
    CONFIG_FILE_UNREADABLE = N_("cannot read the config file {path}: {detail}")
    GUILD_IDS_INVALID = P_(
        "guild ids are positive 64-bit Discord ids (1 to 9223372036854775807); {ids} is not",
        "guild ids are positive 64-bit Discord ids (1 to 9223372036854775807); {ids} are not",
    )
    DATA_DIR_NOT_A_DIRECTORY = N_(
        "the data directory {path} is not a directory (a file is in the way); check data_dir"
    )
    DATA_DIR_CANNOT_CREATE = N_("cannot create the data directory {path}: {reason}; check data_dir")
    DATA_DIR_NOT_WRITABLE = N_("the data directory {path} is not writable by this user: {reason}")
    SECRET_KEY_UNUSABLE = N_("cannot read or create the secret key {path}: {reason}")
    DATABASE_IS_A_DIRECTORY = N_("the database {path} is a directory, not a file; check database_url")
    DATABASE_FOLDER_UNUSABLE = N_(
        "cannot create the database's folder {path}: {reason}; check data_dir or database_url"
    )
    DATABASE_NOT_SQLITE = N_("{path} is not a SQLite database; check data_dir or database_url")
    DATABASE_CANNOT_OPEN = N_("cannot open the database {path}: {reason}")
    DATABASE_MIGRATION_FAILED = N_(
        "migration {migration} failed on {path}: {reason} (is this another application's database?)"
    )
    LOG_DATABASE = N_("database {path} (schema version {version})")
    BACKUP_NO_DATABASE = N_(
        "there is no database at {path} to back up; `python -m bot check` shows the paths in use"
    )
    BACKUP_NO_FOLDER = N_("cannot write a backup to {path}: the folder {folder} does not exist")
    BACKUP_IS_LIVE = N_("{path} is the live database; write the backup to another file")
    BACKUP_EXISTS = N_("{path} already exists; choose another name, or pass --force to overwrite it")
    BACKUP_FAILED = N_("the backup to {path} failed: {reason}; nothing was written")
    BACKUP_BAD_COPY = N_("the copy failed integrity_check ({detail}); nothing was written to {path}")
    BACKUP_WROTE = N_("wrote {path} ({size} bytes, schema version {version}, integrity_check ok)")
    BACKUP_ALONGSIDE = N_(
        "files are not in the database: copy {files} alongside it (without the secret key, stored "
        "attachments cannot be decrypted)"
    )
    BACKUP_SECRET_CONFIGURED = N_(
        "the secret key comes from your configuration (secret_key): keep a copy of it too"
    )
    HEALTH_OK = N_("healthy: {path} at schema version {version}")
    HEALTH_NO_DATABASE = N_("unhealthy: there is no database at {path}")
    HEALTH_OLD_SCHEMA = N_("unhealthy: {path} is at schema version {version}, this TicketDesk needs {newest}")
    HEALTH_FAILED = N_("unhealthy: {reason}")
    CLI_HELP_RUN = N_("run the bot (the default)")
    CLI_HELP_CHECK = N_("validate the configuration, create and migrate the database, print what was found")
    CLI_HELP_HEALTH = N_(
        "a cheap read-only check for container health checks: the database is there and migrated"
    )
    CLI_HELP_BACKUP = N_(
        "copy the database safely while the bot runs (SQLite's online backup), then verify the copy"
    )
    CLI_HELP_BACKUP_PATH = N_("the file to write, or a folder to write ticketdesk-<date>-<time>.sqlite3 into")
    CLI_HELP_BACKUP_FORCE = N_("overwrite PATH if it exists")
    CLI_HELP_TRANSLATIONS = N_(
        "keep the language catalogues in step with the code: extract, update, add LANGUAGE or check"
    )
    CLI_HELP_TRANSLATIONS_LANGUAGE = N_("the language to add, as gettext names it (de, pt_BR)")
    CLI_TRANSLATIONS_NEED_LANGUAGE = N_("name the language to add, for example: translations add it")
    CLI_TRANSLATIONS_UNKNOWN = N_(
        "Babel knows no language “{language}”: use a gettext name such as it, sv or zh_CN"
    )
    CLI_TRANSLATIONS_ADDED = N_("wrote {path}: translate every msgstr, then run translations check")
    CLI_TRANSLATIONS_EXTRACTED = N_("wrote {path} ({count} strings)")
    CLI_TRANSLATIONS_UPDATED = N_("updated: {languages}")
    CLI_TRANSLATIONS_MISSING = P_(
        "{language}: {count} string to translate", "{language}: {count} strings to translate"
    )
    CHECK_SECRET_CONFIGURED = N_("secret key: configured (secret_key)")
    CHECK_SECRET_FILE = N_("secret key: {path}")
    CHECK_SECRET_NEW = N_("secret key: {path} (created when the bot first starts)")
    CONFIG_FILE_NOT_A_FILE = N_("TICKETDESK_CONFIG names {path}, which is not a file")

    # -- tags --
    TAG_NOT_FOUND = N_("There is no tag called “{name}” here.")
    TAG_EXISTS = N_("A tag called “{name}” already exists.")
    TAG_NAME_BAD = N_("A tag name needs 1 to {max} characters.")
    TAG_SAVED = N_("Saved the tag “{name}”.")
    TAG_MODAL_TITLE = N_("Tag: {name}")
    DONE_TAG_DELETED = N_("deleted the tag “{name}”")
    TAG_DELETED_RULES = P_(
        " {count} auto-reply rule answered with it: it is skipped until you remove it (/tag auto list).",
        " {count} auto-reply rules answered with it: they are skipped until you remove them (/tag auto list).",
    )
    TAGS_TITLE = N_("Tags")
    TAG_LINE = P_(
        "**{name}** · {chars} characters, {embeds} embed",
        "**{name}** · {chars} characters, {embeds} embeds",
        "embeds",
    )
    TAGS_FOOTER = N_("Staff send one in a ticket with /tag send, or “Reply with a tag” on a message.")
    TAG_PREVIEW = N_("Tag “{name}” as saved (variables are filled in when it is sent):")
    TAG_NONE = N_("This server has no tags yet; an admin can make one with /tag create.")
    TAG_NOT_IN_TICKET = N_("Tags are sent in tickets: use this inside a ticket's channel or thread.")
    TAG_NOT_IN_NOTES = N_(
        "Tags are for the ticket's members, so they are not sent in its staff notes: use this in the "
        "ticket's channel or thread."
    )
    TAG_TICKET_NOT_OPEN = N_("Ticket #{number} is not open; tags are sent in open tickets.")
    TAG_MEMBER_NOT_IN_TICKET = N_("{member} is not in ticket #{number}; add them first with /ticket add.")
    TAG_SENT = N_("Sent “{name}”: {link}")
    TAG_PICK = N_("Which tag answers this message?")
    TAG_PICK_MORE = N_(
        "Showing the first {shown} of {count} tags by name; for another one, use /tag send name."
    )
    TAG_PICK_PLACEHOLDER = N_("Choose a tag")
    AUTO_WORDS_OR_PATTERN = N_(
        "Give either words (comma-separated) or a pattern (regex), not both and not neither."
    )
    AUTO_NO_WORDS = N_("Give at least one word or phrase (comma-separated).")
    AUTO_WORD_TOO_LONG = N_("“{word}…” is too long: a word or phrase has at most {max} characters.")
    AUTO_TOO_MANY_WORDS = N_("That is {count} words; a rule has at most {max}.")
    AUTO_PATTERN_TOO_LONG = N_("The pattern is {length} characters long; at most {max} are allowed.")
    AUTO_PATTERN_INVALID = N_("That pattern is not a valid regular expression: {detail}.")
    AUTO_PATTERN_MATCHES_ALL = N_(
        "That pattern matches an empty message, so it would answer every message; make it need some text."
    )
    AUTO_PATTERN_SLOW = N_(
        "That pattern takes too long on some messages (nested repetition such as (a+)+ does); simplify it."
    )
    AUTO_PATTERN_REPEATS = N_(
        "That pattern's counted repeats (the numbers in braces, multiplied together) exceed {max}; use "
        "smaller counts or + and *."
    )
    AUTO_TOO_MANY_RULES = N_("{group} already has {max} auto-reply rules; remove one first.")
    AUTO_NO_RULE = N_("{group} has no auto-reply rule {number}; /tag auto list shows them.")
    AUTO_ADDED = N_("Added auto-reply rule {number} to {group}: {rule}.")
    AUTO_REMOVED = N_("Removed auto-reply rule {number} from {group}: {rule}.")
    AUTO_TITLE = N_("Auto-replies of {group}")
    AUTO_EMPTY = N_("No auto-reply rules: the group never answers by itself. Add one with /tag auto add.")
    AUTO_RULE = N_("{trigger} → tag “{tag}”, {scope}")
    AUTO_LINE = N_("**{number}.** {rule}")
    AUTO_BY_WORDS = N_("words {words}")
    AUTO_BY_PATTERN = N_("pattern {pattern}")
    AUTO_SCOPES = {"first": N_("on the owner's first message"), "every": N_("on every message")}
    AUTO_TAG_GONE = N_("⚠ its tag was deleted, so this rule is skipped: remove it")
    AUTO_UNREADABLE = N_("⚠ this rule cannot be read, so it is skipped: remove it")
    AUTO_FOOTER = N_(
        "At most one automatic reply per ticket every {cooldown}. Only the owner and added members "
        "trigger them, never staff or bots; the first matching rule answers."
    )

    # -- settings export/import --
    # problems in a file, each shown as "line N: where: detail"
    IO_PROBLEM = N_("line {line}: {where}: {detail}")
    IO_TOP_LEVEL = N_("the file")
    IO_FILE_TOO_LARGE = N_("the file is larger than {max} KiB; a configuration is far smaller")
    IO_NOT_UNICODE_TEXT = N_("the file is not UTF-8 text (byte {position})")
    IO_NOT_JSON = N_("not valid JSON: {detail} (column {column})")
    IO_TOO_DEEP = N_("nested more than {max} levels deep; a TicketDesk export never is")
    IO_BAD_NUMBER = N_("holds a number JSON cannot carry here (NaN, Infinity, or thousands of digits)")
    IO_KEY_TWICE = N_("the key “{key}” appears twice")
    IO_NOT_AN_EXPORT = N_("this is not a TicketDesk export: it has no “ticketdesk” format number")
    IO_FORMAT_NUMBER = N_("the format number must be a whole number (1)")
    IO_NEWER_FORMAT = N_(
        "this file is format {version}, written by a newer TicketDesk; this one reads format {supported}. "
        "Update the bot, or export the file again from a server running this version"
    )
    IO_EXPECTED_OBJECT = N_("must be an object ({…})")
    IO_EXPECTED_LIST = N_("must be a list ([…])")
    IO_UNKNOWN_KEY = N_("unknown key “{key}” (the keys here are: {known})")
    IO_MISSING_KEY = N_("“{key}” is required")
    IO_TOO_MANY = N_("at most {max} items (there are {count})")
    IO_EXPECTED_TEXT = N_("must be text")
    IO_EXPECTED_TEXT_OR_NULL = N_("must be text or null")
    IO_TEXT_LENGTH = N_("must be {least} to {most} characters (it has {length})")
    IO_NUMBER = N_("must be a whole number from {least} to {most}")
    IO_NUMBER_OR_NULL = N_("must be a whole number from {least} to {most}, or null")
    IO_EXPECTED_FLAG = N_("must be true or false")
    IO_EXPECTED_CHOICE = N_("must be one of: {choices}")
    IO_EXPECTED_ID = N_("must be a Discord id (its digits, as text)")
    IO_EXPECTED_ID_OR_NULL = N_("must be a Discord id (its digits, as text) or null")
    IO_EXPECTED_TIME = N_("must be an ISO 8601 time with its offset, like 2030-01-31T12:00:00+00:00, or null")
    IO_LANGUAGE = N_("must be one of {languages}, or null for the server's own Discord language")
    IO_EMBEDS_LIST = N_(
        "must be a list of Discord embed objects (text for title, description and url; a number for color; "
        "fields with a name and a value)"
    )
    IO_UNKNOWN_VARIABLE = N_("uses an unknown variable {{{name}}}; the variables are {known}")
    IO_NOT_AN_EMOJI = N_("is not an emoji; use a Unicode emoji or a custom one like <:name:id>")
    IO_OPENING_TWICE = N_("set opening_message or opening_saved_message, not both")
    IO_FORM_KEY = N_("a field key needs 1 to {max} letters, digits or underscores")
    IO_OPTIONS = N_("must be a list of option texts")
    IO_SCHEDULE_TEXT = N_("must be a schedule like “mo-fr 09:00-17:00; sa 10:00-14:00”, or null")
    IO_WORDS_OR_REGEX = N_("a rule needs “words” or “regex”, not both")
    IO_WORDS = N_("must be a list of 1 to {most} words or phrases, each up to {length} characters")
    IO_NAME_TWICE = N_(
        "the name “{name}” is used twice (names are compared ignoring case); the other is on line {line}"
    )
    IO_NO_SUCH_GROUP = N_("there is no group “{name}” in this file")
    IO_NO_SUCH_MESSAGE = N_("there is no saved message “{name}” in this file")
    IO_NO_SUCH_TAG = N_("there is no tag “{name}” in this file")
    IO_LISTED_TWICE = N_("listed twice; the other is on line {line}")
    IO_MODE_FIXED = N_(
        "“{name}” is a {mode} group in this server, and a group's mode is chosen when it is created: give the "
        "group another name in the file, or delete it here first"
    )
    IO_PARENT_MISSING = N_(
        "a thread group needs a parent text channel, and this server has not got that channel"
    )
    IO_CHANGED_SINCE_PREVIEW = N_(
        "Nothing was imported: this server's configuration, roles or channels changed since the preview "
        "(another admin, perhaps). Run /tickets import again to see what it changes now."
    )
    IO_TOO_LARGE = N_(
        "That file is {size} KiB; an import takes at most {max} KiB (an export is far smaller: is it the "
        "right file?). Nothing was changed."
    )
    IO_DOWNLOAD_FAILED = N_("I could not download that file from Discord; try again. Nothing was changed.")
    IO_EXPORTED = N_(
        "This server's ticket configuration (groups {groups} · saved messages {saved} · panels {panels} · "
        "tags {tags} · blacklist entries {blacklist}). Keep it (in git, say), or bring it to another server with "
        "/tickets import. It holds role, channel and member ids: share it with admins only."
    )
    IO_EXPORT_NOT_IMPORTABLE = N_(
        "⚠️ It is more than an import takes ({max} KiB; {groups} groups, {panels} panels, {saved} saved "
        "messages, {tags} tags, {blacklist} blacklist entries), so it cannot be imported as it is."
    )
    IO_NOT_IMPORTED = P_(
        "The file was not imported: it has {count} problem. Nothing was changed.",
        "The file was not imported: it has {count} problems. Nothing was changed.",
    )
    IO_PROBLEMS_TITLE = N_("Problems in the file")
    IO_MORE_PROBLEMS = N_("… and {count} more")
    IO_SEE_FILE = N_("… (all of it is in the attached file)")
    IO_PREVIEW_TITLE = N_("Import preview")
    IO_PREVIEW = N_(
        "This is what importing {filename} changes: it replaces this server's ticket configuration with the "
        "file's. Nothing changes until you press {button}."
    )
    IO_CONFIRM = N_("Import")
    IO_IMPORTING = N_("Importing…")
    IO_LOSES_ADMIN = N_(
        "⚠️ After this import you are no longer a ticket admin here: it changes the admin roles, and you do "
        "not have Manage Server."
    )
    IO_NOTHING_TO_CHANGE = N_(
        "This server already has the configuration in that file: there is nothing to import."
    )
    IO_SECTION_SETTINGS = N_("Settings")
    IO_SECTION_GROUPS = N_("Groups")
    IO_SECTION_SAVED_MESSAGES = N_("Saved messages")
    IO_SECTION_PANELS = N_("Panels")
    IO_SECTION_TAGS = N_("Tags")
    IO_SECTION_BLACKLIST = N_("Blacklist")
    IO_SECTION_DROPPED = N_("Not in this server (left out)")
    IO_SECTION_EXPIRED = N_("Blacklist entries that expired since the export (left out)")
    IO_SETTING_LINE = N_("✏️ {change}")
    IO_FIELD_CHANGE = N_("{field} {old} → {new}")
    IO_CREATED_LINE = N_("➕ {name} (new)")
    IO_CHANGED_LINE = N_("✏️ {name}: {fields}")
    IO_REMOVED_LINE = N_("🗑️ {name} (deleted)")
    IO_KEPT_LINE = P_(
        "⚠️ {name} is not in the file but has {count} open ticket: it is kept (delete it with /group delete "
        "once it is closed)",
        "⚠️ {name} is not in the file but has {count} open tickets: it is kept (delete it with /group delete "
        "once they are closed)",
    )
    IO_KIND_ROLE = N_("role")
    IO_KIND_CATEGORY = N_("category")
    IO_KIND_CHANNEL = N_("text channel")
    IO_DROPPED_LINE = N_("{what} {id}: {where}")
    IO_AND_MORE = N_(" and {count} more")
    IO_PANELS_NOTE = N_(
        "Panels are not posted by an import: a posted panel stays where it is and shows its new entries, a "
        "deleted panel's message is deleted, and a new panel is posted with /panel post."
    )
    IO_IMPORTED = N_("Imported: {created} created, {changed} changed, {removed} deleted.")
    IO_KEPT_NAME = N_("{name} ({count} open)")
    IO_IMPORTED_KEPT = N_(
        "Kept because of open tickets: {groups}; delete them with /group delete once those are closed."
    )
    IO_IMPORTED_REFRESHED = P_("{count} posted panel was refreshed.", "{count} posted panels were refreshed.")
    IO_IMPORTED_REMOVED_POSTS = P_(
        "{count} deleted panel's message was removed.", "{count} deleted panels' messages were removed."
    )
