"""Every user-facing sentence lives here, ready for translation. Use ``.format`` for the blanks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PERMISSION_NAMES = {
    "view_channel": "View Channel",
    "send_messages": "Send Messages",
    "send_messages_in_threads": "Send Messages in Threads",
    "manage_webhooks": "Manage Webhooks",
    "manage_channels": "Manage Channels",
    "manage_roles": "Manage Roles",
    "manage_threads": "Manage Threads",
    "manage_messages": "Manage Messages",
    "create_private_threads": "Create Private Threads",
    "create_public_threads": "Create Public Threads",
    "embed_links": "Embed Links",
    "attach_files": "Attach Files",
    "read_message_history": "Read Message History",
    "add_reactions": "Add Reactions",
}


def permission_name(name: str) -> str:
    """``send_messages`` -> ``Send Messages``, as Discord's settings call it."""
    return PERMISSION_NAMES.get(name, name.replace("_", " ").title())


def plural(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (each with a ``{count}`` blank) for ``count``."""
    return (one if count == 1 else many).format(count=count)


@dataclass(frozen=True, slots=True)
class Plural:
    """A sentence with a number in it: ``one`` when the number (the ``key`` blank) is 1, else ``other``."""

    one: str
    other: str
    key: str = "count"

    def format(self, **values: Any) -> str:
        return (self.one if values[self.key] == 1 else self.other).format(**values)


# -- words used in several places ---------------------------------------------------------------------
NONE = "none"
NONE_FOUND = "none found"
NONE_YET = "None yet."
NOTHING = "nothing"
NOBODY = "nobody"
NEVER = "never"
YES = "yes"
NO = "no"
THESE = "these"
THE_DEFAULT = "the default"
THIS_CHANNEL = "this channel"
ALL_TIME = "all time"
ALWAYS_OPEN = "always open"
DELETED_GROUP = "deleted group"
DELETING = "Deleting…"
DEFAULT_MARK = " (default)"
OPTIONAL_SUFFIX = ", optional"
WORD_TITLE = "title"
WORD_DESCRIPTION = "description"
WORD_LABEL = "label"
TEXT_TOO_LONG = "The {what} can be at most {max} characters."
WHAT_INVALID = "{what}: {detail}."
AS_SENTENCE = "{detail}."
MANAGE_SERVER_ONLY = "Manage Server only"
GROUP_SUPPORT_ROLES = "the groups' support roles"

INCIDENT = (
    "Something went wrong on our side and nothing was changed. If it keeps happening, give the server's "
    "admins this incident id: `{incident}`."
)
DISCORD_FORBIDDEN = "Discord refused me ({detail}): I am probably missing a permission here. An admin can check my role's permissions."
DISCORD_FORBIDDEN_IN = "Discord refused me in {place} ({detail}). An admin can check my permissions there."
BOT_LACKS = "I am missing {permissions} in {place}. An admin can grant it to my role there."
DISCORD_REFUSED = "Discord refused this ({detail}). Nothing was changed."
THE_SERVER = "the server"
DISCORD_UNAVAILABLE = "Discord did not answer in time. Nothing was changed; please try again in a moment."
BAD_OPTION = "That value for `{option}` is not valid: {detail}"
NOT_IN_GUILD = "This only works inside a server."
COMMAND_OUTDATED = (
    "This command is out of date. Please try again in a minute, after Discord refreshes the commands."
)
CHECK_FAILED = "You are not allowed to use this command here."
COOLDOWN = Plural(
    "Slow down: try again in {seconds} second.", "Slow down: try again in {seconds} seconds.", "seconds"
)
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
STATUS_TICKETS = "{open} open, {closed} closed, {deleted} deleted"
STATUS_CHANNELS = "{count} of 500"
STATUS_NO_GROUPS = "No ticket groups yet: run /tickets setup, or /group create."
STATUS_CHANNELS_NEAR_LIMIT = "The server has {count} of Discord's 500 channels."
STATUS_PANEL_DELETED = "Panel “{name}”: its message was deleted."
STATUS_PANEL_LINE = Plural(
    "“{name}” ({kind}, {entries} entry): {state}", "“{name}” ({kind}, {entries} entries): {state}", "entries"
)
STATUS_DEAD_ENTRIES = Plural(
    "; {count} entry points to a deleted group", "; {count} entries point to deleted groups"
)
STATUS_THREADS_IN = "threads in {channel}"
STATUS_GROUP_PROBLEM = "Group “{group}”: {problem}."
STATUS_PROBLEMS = Plural(" — {count} problem", " — {count} problems")
STATUS_OK = " — ok"
PANEL_MESSAGE_DELETED_STATE = "its message was deleted: /panel post again"
PROBLEM_PARENT_GONE = "its parent channel is gone"
PROBLEM_LACKING = "in {place} I lack {lacking}"
PROBLEM_CATEGORY_GONE = "category {id} is gone"
PROBLEM_FEW_PLACES = Plural(
    "only {count} free place left in its categories: add a category",
    "only {count} free places left in its categories: add a category",
)
PROBLEM_CHANNEL_GONE = "its {what} is gone"
PROBLEM_ROLES_GONE = Plural("{count} support role is gone", "{count} support roles are gone")
PROBLEM_NO_SUPPORT_ROLE = "no support role: only admins can work its tickets"
FIELD_MODULE = "Module"
FIELD_TICKETS = "Tickets"
FIELD_CHANNELS = "Channels"
FIELD_ADMINS_STAFF = "Admins · staff"
FIELD_MISSING_PERMISSIONS = "Missing permissions"
FIELD_GROUPS = "Groups"
FIELD_PANELS = "Panels"
FIELD_PROBLEMS = "Problems"

# -- groups, panels, setup ------------------------------------------------------------------------
GROUP_NOT_FOUND = "There is no ticket group called “{name}” here."
GROUP_EXISTS = "A ticket group called “{name}” already exists."
GROUP_HAS_OPEN_TICKETS = Plural(
    "“{name}” still has {count} open ticket; close it before deleting the group.",
    "“{name}” still has {count} open tickets; close them before deleting the group.",
)
GROUP_NAME_BAD = "A group name needs 1 to 50 characters."
NOT_A_CATEGORY = "“{name}” is not a category."
NOT_A_TEXT_CHANNEL = "“{name}” is not a text channel."
CHANNEL_UNKNOWN = "I cannot find the channel “{name}” in this server."
ROLE_UNKNOWN = "I cannot find the role “{name}” in this server."
THREAD_MODE_NEEDS_PARENT = (
    "A thread-mode group needs a parent text channel (parent_channel) for its private threads."
)
CANNOT_CLEAR = "“{name}” cannot be cleared; the fields that can are: {fields}."
GROUP_CREATED = "Created the group “{name}”."
GROUP_SAVED = "Saved “{name}”."
GROUP_DELETED = "Deleted the group “{name}”."
GROUP_DELETED_PANELS = Plural(
    " Its entries were removed from {count} panel.", " Its entries were removed from {count} panels."
)
FORM_NOW_HAS = Plural(
    "The form of “{name}” now has {count} field.", "The form of “{name}” now has {count} fields."
)
OPENING_MESSAGE_TOO_LONG = "The opening message can be at most {max} characters."
OPENING_UNKNOWN_VARIABLE = "The opening message uses an unknown variable {{{name}}}."
USER_LIMIT_RANGE = "The per-user limit must be 0 (no limit) to {max}."
DAILY_LIMIT_RANGE = "The daily limit must be 0 (no limit) to {max}."
LABEL_RETENTION = "Closed retention"
OUT_OF_HOURS_INVALID = "Out of hours must be allow, warn or block."
FORM_NEEDS_LABEL = "Give the new field a label."
FORM_FIELD_NOT_FOUND = "That form field does not exist; pick one from the list."
FORM_NEEDS_POSITION = "Give the new position (1 is first)."
FORM_ACTION_INVALID = "Choose add, edit, remove, move or title."
FIELD_KIND_INVALID = "Field kind must be short, paragraph, select, user or role."
LABEL_NAME_TEMPLATE = "Name template"
LABEL_PRIORITY_LEVELS = "Priority levels"
LABEL_RATING_LEVELS = "Rating levels"
LABEL_SCHEDULE = "Schedule"
LABEL_COOLDOWN = "Cooldown"
LABEL_INACTIVITY = "Inactivity close"
LABEL_FORM = "Form"
GROUP_TITLE = "Group: {name}"
GROUP_TITLE_DEFAULT = "Group: {name} (default)"
GROUP_WHERE_THREADS = "private threads in {channel}"
GROUP_NO_CATEGORY = "no category"
GROUP_NO_CATEGORY_TOP = "no category (channels open at the top of the server)"
GROUP_STATUS_CATEGORIES = "closed {closed} · locked {locked} · assigned {assigned}"
GROUP_CHANNELS = "transcripts {transcripts} · forms {forms} · feedback {feedback} · log {log}"
GROUP_SCHEDULE = "{schedule} · out of hours: {out_of_hours}"
GROUP_LINE = Plural("limit {limit} · {fields} form field", "limit {limit} · {fields} form fields", "fields")
GROUP_ID = "Group id {id}"
GROUPS_TITLE = "Ticket groups"
NO_GROUPS_YET = "No groups yet."
OWNER_MESSAGES_ONLY = " (owner's messages only)"
NO_FORM = "no form"
FIELD_MODE = "Mode"
FIELD_STATUS_CATEGORIES = "Status categories"
FIELD_SUPPORT_ROLES = "Support roles"
FIELD_NAME_TEMPLATE = "Name template"
FIELD_USER_LIMIT = "Per-user limit"
FIELD_COOLDOWN = "Cooldown"
FIELD_OWNER_MAY_CLOSE = "Owner may close"
FIELD_CLOSE_ON_LEAVE = "Close when owner leaves"
FIELD_INACTIVITY = "Inactivity close"
FIELD_DAILY_LIMIT = "Tickets per member per day"
FIELD_RETENTION = "Closed channels removed after"
KEPT = "kept"
FIELD_SCHEDULE = "Schedule"
FIELD_PRIORITY_LEVELS = "Priority levels"
FIELD_RATING_LEVELS = "Rating levels"
FIELD_FORM_TITLED = "Form: {title}"
FIELD_OPENING_MESSAGE = "Opening message"
PANEL_NOT_FOUND = "There is no panel called “{name}” here."
PANEL_EXISTS = "A panel called “{name}” already exists."
PANEL_FULL = "A panel holds at most {limit} entries."
PANEL_EMPTY = "The panel “{name}” has no entries yet; add one with /panel add-entry."
PANEL_BUTTON_ONE_ENTRY = (
    "A “button” panel opens one group; it already has its entry. Use type_buttons or dropdown for more."
)
ENTRY_NOT_FOUND = "That panel entry does not exist (any more)."
ENTRY_GONE = "This option is no longer available; ask the staff to refresh the panel."
PANEL_POSTED = "Panel “{name}” is posted in {channel}."
PANEL_REFRESHED = "Panel “{name}” was refreshed in {channel}."
DEFAULT_PANEL_TITLE = "Need help?"
DEFAULT_PANEL_DESCRIPTION = "Open a ticket and our team will get back to you in a private channel."
DEFAULT_OPEN_LABEL = "Open a ticket"
DROPDOWN_PLACEHOLDER = "Choose what you need help with"
PANEL_CREATED = "Created the panel “{name}” ({kind}). Add entries with /panel add-entry."
PANEL_HAS_ENTRIES = "“{name}” now has {entries}."
PANEL_ENTRY_REMOVED = "Removed the entry; “{name}” has {count} left."
PANEL_DELETED = "Deleted the panel “{name}”."
PANEL_NAME_BAD = "A panel name needs 1 to {max} characters."
PANELS_TITLE = "Panels"
NO_PANELS_YET = "No panels yet."
ENTRY_ONE = "{count} entry"
ENTRY_MANY = "{count} entries"
POSTED_IN = "posted in {channel}"
NOT_POSTED = "not posted"
EMOJI_TOO_LONG = "An emoji can be at most 100 characters."
NOT_AN_EMOJI = "“{text}” is not an emoji; use a Unicode emoji or a custom one like <:name:id>."

# -- opening tickets --------------------------------------------------------------------------------
TICKET_READY = "Your ticket is ready: {channel}"
TICKET_READY_FOR = "Ticket {channel} is open for {user}."
ALREADY_OPEN = Plural(
    "You already have {count} open ticket in {group} (the limit is {limit}): {links}",
    "You already have {count} open tickets in {group} (the limit is {limit}): {links}",
)
ALREADY_OPEN_FOR = Plural(
    "{user} already has {count} open ticket in {group} (the limit is {limit}): {links}",
    "{user} already has {count} open tickets in {group} (the limit is {limit}): {links}",
)
BEING_OPENED = "a ticket being opened"
COOLDOWN_ACTIVE = "You can open another {group} ticket {when}."
DAILY_LIMIT = Plural(
    "You opened {count} {group} ticket in the last 24 hours, the most allowed; please try again tomorrow.",
    "You opened {count} {group} tickets in the last 24 hours, the most allowed; please try again tomorrow.",
)
OUT_OF_HOURS_BLOCK = "{group} support is closed right now. We open again {when}."
OUT_OF_HOURS_BLOCK_NEVER = "{group} support has no opening hours set, so tickets cannot be opened right now."
OUT_OF_HOURS_WARN = "Heads-up: we are outside support hours; the team is back {when}."
LATER = "later"
CATEGORIES_FULL = (
    "Every ticket category of {group} is full (49 channels each). An admin needs to add a category."
)
GUILD_FULL = "This server has reached Discord's limit of 500 channels; ask an admin to make room."
CATEGORY_GONE = "The ticket category of {group} no longer exists; an admin needs to fix it with /group edit."
PARENT_GONE = (
    "The channel {group} opens threads in no longer exists; an admin needs to fix it with /group edit."
)
CATEGORY_OVERFLOW = (
    "Heads-up: the first ticket category of {group} is full, so ticket #{number} opened in the next one."
)
NO_BOT_TICKETS = "Tickets cannot be opened for bots."
NO_GROUPS = "There are no ticket groups yet. An admin can create one with /tickets setup or /group create."
PICK_GROUP = "What do you need help with?"
FORM_EXPIRED = "This form was opened before the bot restarted or too long ago; please open it again."
FORM_INVALID = "{detail}"
OPENING_TITLE = "Ticket #{number} · {group}"
OPENING_DEFAULT = (
    "Hello {user}, thanks for reaching out. Describe your problem and the team will be with you soon."
)
OPENED_BY = "Opened by {actor} for {owner}."
FIELD_OPENED_BY = "Opened by"
FIELD_MESSAGE = "Message"
FIELD_SUPPORT_HOURS = "Support hours"
FIELD_LINK = "Link"
FIELD_NOTE = "Note"
TICKET_FOOTER = "Ticket #{number}"
TICKET_TOPIC = "Ticket #{number} · {group} · {marker}"
FORM_DEFAULT_TITLE = "Form"
NO_TEXT = "(no text)"
QUOTED_MESSAGE = "Message from {author}"
FORM_TRUNCATED = "Some answers were too long to show here; the full answers are attached."
FORM_RESULTS_TITLE = "Form answers for ticket #{number} · {group}"
LOG_OPENED = "Ticket #{number} ({group}) opened by {owner} in {channel}."
SETUP_DONE = "Setup is ready. Created: {created}. Already there: {existing}. Panel: {panel}."
SETUP_NOTHING = "nothing"
SETUP_ROLE = "role {role}"
SETUP_GROUP = "group “{name}”"
SETUP_CATEGORY = "category “{name}”"
SETUP_PANEL = "panel “{name}”"
SETUP_PANEL_MESSAGE = "panel message in {channel}"
STILL_OPENING = "Your ticket is still being opened; its link will follow in a moment."
OPENING_CANCELLED = "Opening this ticket was cancelled before it was ready; nothing was opened."

# -- working tickets -------------------------------------------------------------------------------
STATUS_WORDS = {
    "creating": "still being opened",
    "open": "open",
    "closed": "closed",
    "deleted": "deleted",
}
STATE_REFUSED = "Ticket #{number} is {status}, so it cannot be {done}."
ACTION_PAST = {
    "close": "closed",
    "reopen": "reopened",
    "delete": "deleted",
    "lock": "locked",
    "unlock": "unlocked",
    "claim": "claimed",
    "assign": "assigned",
    "unassign": "unassigned",
    "transfer": "transferred",
    "owner": "given a new owner",
    "add": "changed",
    "remove": "changed",
    "rename": "renamed",
    "priority": "reprioritised",
    "move": "moved",
    "expire": "given an expiry",
    "eternal": "changed",
}
ALREADY_LOCKED = "Ticket #{number} is already locked."
NOT_LOCKED = "Ticket #{number} is not locked."
NOT_ASSIGNED = "Ticket #{number} is not assigned to anyone."
NOT_CLAIMED = "Ticket #{number} is not claimed yet; use claim or assign."
THE_BOT = "the bot"
NOT_A_TICKET = (
    "This is not a ticket channel. Use the command in a ticket, or name one with `ticket:` (its number)."
)
TICKET_NOT_FOUND = "There is no ticket #{number} here."
OWNER_OR_STAFF = "Only staff or the ticket's owner can do that."
NOT_STAFF_MEMBER = "{member} is not staff for {group} tickets."
ALREADY_CLAIMED = "Ticket #{number} is already claimed by {member}; use /ticket transfer to hand it over."
ALREADY_YOURS = "Ticket #{number} is already assigned to {member}."
ALREADY_OWNER = "{member} already owns ticket #{number}."
ALREADY_MEMBER = "{member} is already in ticket #{number}."
NOT_A_MEMBER = "{member} was not added to ticket #{number}."
CANNOT_REMOVE_OWNER = "The owner cannot be removed; give the ticket a new owner with /ticket owner first."
NO_BOTS = "Bots cannot be added to tickets or own them."
NOT_IN_SERVER = "{member} is not in this server any more."
REOPEN_LIMIT = Plural(
    "{owner} already has {count} open ticket in {group} (the limit is {limit}); close one first.",
    "{owner} already has {count} open tickets in {group} (the limit is {limit}); close one first.",
)
NO_LEVELS = "The {group} group has no {kind} levels; an admin can add them with /group edit."
UNKNOWN_LEVEL = "“{level}” is not one of the {kind} levels of {group}: {levels}."
SAME_GROUP = "Ticket #{number} is already in {group}."
MOVE_MODE = "Tickets can only move between groups of the same mode ({mode})."
MOVE_PARENT = "A thread cannot move to a group whose tickets live in another channel."
ETERNAL_ALREADY_ON = "Ticket #{number} is already eternal."
ETERNAL_ALREADY_OFF = "Ticket #{number} is not eternal."
ETERNAL_NO_EXPIRY = (
    "Ticket #{number} is eternal, so it never expires; turn that off first with /ticket eternal."
)
NAME_INVALID = "That name leaves nothing usable for a channel name."
NAME_SAME = "Ticket #{number} is already called {name}."
DONE = "Done: {what}."
DONE_TICKET = {
    "close": "ticket #{number} closed",
    "reopen": "ticket #{number} reopened",
    "delete": "ticket #{number} deleted",
    "lock": "ticket #{number} locked",
    "unlock": "ticket #{number} unlocked",
    "claim": "ticket #{number} is yours",
    "unassign": "ticket #{number} is unassigned",
    "assign": "ticket #{number} is assigned to {member}",
    "transfer": "ticket #{number} is transferred to {member}",
    "owner": "ticket #{number} now belongs to {member}",
    "add": "ticket #{number} now includes {member}",
    "remove": "ticket #{number} no longer includes {member}",
    "rename": "ticket #{number} will be called {name}",
    "priority": "ticket #{number} has its new priority",
    "move": "ticket #{number} moved to {group}",
    "expire": "ticket #{number} expires {when}",
    "eternal_on": "ticket #{number} is eternal",
    "eternal_off": "ticket #{number} is no longer eternal",
}
YES_CLOSE = "Yes, close"
YES_DELETE = "Yes, delete"
WORKING_ON = "Working on ticket #{number}…"
REASON_SHOWN = "\nReason: {reason}"
TICKET_TITLE = "Ticket #{number}"
TICKETS_TITLE = "Tickets ({total})"
TICKET_IDS = "id {id} · uuid {uuid}"
NO_TICKETS_MATCH = "No tickets match."
PAGE_OF = "Page {page} of {pages}"
STATUS_LOCKED_SUFFIX = " · locked"
OWNER_LEFT_SUFFIX = " (left)"
EXPIRY_ETERNAL = "never (eternal)"
EXPIRY_CLEARABLE_SUFFIX = " (cleared by the owner's next message)"
HISTORY_LINE = "{when} {action} by {actor}"
HISTORY_REFUSED = "{when} {action} (refused) by {actor}"
FIELD_STATUS = "Status"
FIELD_GROUP = "Group"
FIELD_CHANNEL = "Channel"
FIELD_OWNER = "Owner"
FIELD_ASSIGNED = "Assigned"
FIELD_PRIORITY = "Priority"
FIELD_MEMBERS = "Members"
FIELD_OPENED = "Opened"
FIELD_CLOSED = "Closed"
FIELD_EXPIRES = "Expires"
FIELD_LAST_ACTIVITY = "Last activity"
FIELD_CLOSE_REASON = "Close reason"
FIELD_FORM = "Form"
FIELD_HISTORY = "History"
CONFIRM_CLOSE = "Close ticket #{number}?{reason}"
CONFIRM_DELETE = "Delete ticket #{number}? Its channel goes away; the record and transcript stay."
CANCELLED = "Nothing was changed."
CANCEL = "Cancel"
WORKING = "Working…"
CLOSE_REASON_LABEL = "Reason (optional)"
CLOSE_MODAL_TITLE = "Close this ticket"
TICKET_BUTTONS = {
    "close": "Close",
    "claim": "Claim",
    "transcript": "Transcript",
    "reopen": "Reopen",
    "delete": "Delete",
}

ANNOUNCE = {
    "close": "🔒 Closed by {actor}{reason}",
    "reopen": "🔓 Reopened by {actor}{reason}",
    "lock": "🔐 Locked by {actor}: the owner can read but not write{reason}",
    "unlock": "🔓 Unlocked by {actor}{reason}",
    "claim": "🙋 Claimed by {actor}{reason}",
    "assign": "📌 Assigned to {target} by {actor}{reason}",
    "unassign": "📌 Unassigned by {actor}{reason}",
    "transfer": "🔁 Transferred to {target} by {actor}{reason}",
    "owner": "👤 {target} now owns this ticket (changed by {actor}){reason}",
    "add": "➕ {target} was added by {actor}{reason}",
    "remove": "➖ {target} was removed by {actor}{reason}",
    "rename": "✏️ Renamed to “{detail}” by {actor}{reason}",
    "priority": "⚑ Priority set to {detail} by {actor}{reason}",
    "move": "📦 Moved to {detail} by {actor}{reason}",
    "expire": "⏳ {detail} (set by {actor}){reason}",
    "eternal": "♾️ {detail} (set by {actor}){reason}",
    "delete": "🗑️ Deleted by {actor}{reason}",
}
EXPIRES_AT = "This ticket closes {when} unless it is answered"
EXPIRES_AT_CLEARABLE = "This ticket closes {when} unless its owner writes"
EXPIRY_REMOVED = "This ticket no longer expires"
ETERNAL_ON = "This ticket never expires or closes by itself"
ETERNAL_OFF = "This ticket can expire and close by itself again"
REASON_EXPIRED = "It expired."
REASON_INACTIVE = "No activity for {duration}."
REASON_OWNER_LEFT = "The owner left the server."
REASON_CHANNEL_DELETED = "The ticket's channel was deleted by hand."
REASON_PRIVACY = "Closed at the owner's privacy request."
REASON_MAKE_ROOM = "Its category was full; the ticket that closed first makes room (its transcript is kept)."
REASON_RETENTION = "Closed channels of this group are removed after a while (the transcript is kept)."
LOG_LINE = "Ticket #{number} ({group}): {action} by {actor}{reason}"
SYNC_DONE = "Sync finished: {report}."
SYNC_REPORT = {
    "repaired": Plural("{count} interrupted opening finished", "{count} interrupted openings finished"),
    "discarded": Plural("{count} abandoned", "{count} abandoned"),
    "ended": Plural(
        "{count} ticket whose channel was gone ended", "{count} tickets whose channel was gone ended"
    ),
    "owners_left": Plural("{count} owner gone", "{count} owners gone"),
    "corrected": Plural("{count} channel corrected", "{count} channels corrected"),
    "renamed": Plural("{count} rename queued", "{count} renames queued"),
    "leftovers": Plural("{count} leftover channel removed", "{count} leftover channels removed"),
    "config_fixes": Plural("{count} group setting fixed", "{count} group settings fixed"),
    "archived": Plural(
        "{count} message that arrived while away archived",
        "{count} messages that arrived while away archived",
    ),
}

# -- notes and transcripts ----------------------------------------------------------------------------
NOTES_EXIST = "This ticket already has notes: {thread}."
NOTES_CLOSED = "Ticket #{number} is not open, so notes cannot be started."
NOTES_MISSING = "Ticket #{number} has no notes yet; start them with /notes create."
NOTES_STAFF_ONLY = "Notes are for staff only: {member} is not staff for this ticket."
NOTES_INTRO = "Staff notes for ticket #{number} ({ticket}). The ticket's owner cannot see this thread."
NOTES_CREATED = "Notes started: {thread}"
TRANSCRIPT_READY = "Transcript of ticket #{number} ({fmt}, {copy})."
TRANSCRIPT_PARTS = "Transcript of ticket #{number} ({fmt}, {copy}), part {part} of {parts}."
TRANSCRIPT_SAVED = "Saved ticket #{number}: {messages} messages, {files} attachments ({size}); {added} added, {edited} edits and {deleted} deletions caught up."
TRANSCRIPT_SENT = "Sent the transcript of ticket #{number} to {member} by DM."
TRANSCRIPT_DM_CLOSED = (
    "{member} does not accept direct messages from this server, so the transcript was not sent."
)
TRANSCRIPT_CLOSED_POST = "Transcript of ticket #{number} ({group}), closed{reason}."
TRANSCRIPT_OWNER_DM = "Your ticket #{number} in {server} was closed{reason}. Here is its transcript."
COPY_STAFF = "staff copy with notes"
COPY_OWNER = "your copy"
ATTACHMENTS_NOT_DELIVERED = "attachments are kept by the bot but too large to deliver here"
DONE_NOTES_ADDED = "{member} is in {thread}"
DONE_NOTES_REMOVED = "{member} left {thread}"

# -- custom messages, privacy, feedback, stats, module administration -----------------------------------
MESSAGE_NOT_FOUND = "There is no saved message called “{name}” here."
MESSAGE_EXISTS = "A saved message called “{name}” already exists."
MESSAGE_INVALID = "Discord would refuse that message: {detail}."
MESSAGE_UNKNOWN_VARIABLE = "The message uses an unknown variable {{{name}}}; the variables are {known}."
MESSAGE_FORUM_NEEDS_NAME = "A forum channel needs a post title: give thread_name."
MESSAGE_SENT_NOT_FOUND = "That message is not in that channel."
MESSAGE_NOT_OURS = "That message was not sent by this bot, so it cannot be edited."
MESSAGE_NOT_SENT_BY_US = "Only messages that /message send made can be edited with it; that one was not."
ACTOR_LACKS = "You cannot do that yourself in {channel}: you lack {permissions}."
MESSAGE_SENT = "Sent: {link}"
MESSAGE_EDITED = "Edited: {link}"
MESSAGE_SAVED = "Saved the message “{name}”."
MESSAGE_NAME_BAD = "A message name needs 1 to {max} characters."
COLOUR_INVALID = "The colour must be hex, like #5865f2."
MESSAGE_MODAL_TITLE = "Saved message: {name}"
MESSAGE_FIELD_CONTENT = "Content ({user} {ticket} {group} {server})"
MESSAGE_FIELD_TITLE = "Embed title"
MESSAGE_FIELD_DESCRIPTION = "Embed description"
MESSAGE_FIELD_COLOUR = "Embed colour"
MESSAGE_FIELD_JSON = "Or embeds as JSON (advanced)"
SAVED_MESSAGES_TITLE = "Saved messages"
SAVED_MESSAGE_LINE = Plural(
    "**{name}** · {chars} characters, {embeds} embed",
    "**{name}** · {chars} characters, {embeds} embeds",
    "embeds",
)
DONE_MESSAGE_DELETED = "deleted “{name}”"
PRIVACY_TITLE = "What TicketDesk keeps about you in this server"
PRIVACY_NOTHING = "Nothing: TicketDesk keeps no data about you in this server."
PRIVACY_DELETE_CONFIRM = (
    "This removes your messages, attachments, form answers and feedback comments from every ticket and "
    "transcript here, closes your open tickets, and replaces your name and id with a placeholder. It cannot "
    "be undone. Messages on Discord itself are not deleted by this."
)
PRIVACY_DELETED = "Done. Removed: {summary}."
PRIVACY_EXPORT = "Everything TicketDesk keeps about you in this server."
PRIVACY_EXPORT_BUTTON = "Export"
PRIVACY_DELETE_BUTTON = "Delete my data"
YES_DELETE_MY_DATA = "Yes, delete my data"
PRIVACY_LABELS = {
    "tickets_owned": "tickets you opened",
    "tickets_assigned": "tickets assigned to you",
    "form_answers": "tickets with form answers",
    "tickets_opened_for_others": "tickets you opened for others",
    "form_picks": "tickets whose form named you",
    "quoted": "tickets quoting your messages",
    "close_reasons": "close reasons mentioning you",
    "messages": "archived messages",
    "attachments": "attachments",
    "mentions": "messages mentioning you",
    "memberships": "tickets you were added to",
    "members_added": "members you added to tickets",
    "feedback": "ratings",
    "saved_messages": "saved messages you created",
    "messages_sent": "saved messages you sent",
    "events": "log entries naming you",
    "close_requests": "close requests you made",
    "tags": "tags you created",
    "blacklisted": "blacklist entries about you (kept: they are the server's decision)",
    "blacklist_entries_added": "blacklist entries you added",
}
FEEDBACK_ASK = "Ticket #{number} in {server} was closed. How did we do?"
FEEDBACK_PLACEHOLDER = "Rate the help you got"
FEEDBACK_THANKS = "Thanks for rating ticket #{number}: {label}."
FEEDBACK_COMMENT_THANKS = "Thanks, your comment was added."
FEEDBACK_ONLY_OWNER = "Only the ticket's owner can rate it."
FEEDBACK_ALREADY = "You already rated ticket #{number} ({label}); a ticket is rated once."
FEEDBACK_LATE = "The time to rate ticket #{number} has passed."
FEEDBACK_NOT_CLOSED = "Ticket #{number} is open again; you can rate it once it is closed."
FEEDBACK_NO_LEVELS = "This ticket's group has no rating levels any more."
FEEDBACK_POST = "Feedback for ticket #{number} ({group}): {label}"
FEEDBACK_COMMENT_TITLE = "Anything to add? (optional)"
FEEDBACK_COMMENT_BUTTON = "Add a comment"
FEEDBACK_COMMENT_MODAL = "Your comment"
FIELD_COMMENT = "Comment"
STATS_TITLE = "Ticket stats ({period})"
PERIOD_INVALID = "Period: {detail}; use 7d, 30d, 90d or all."
RATINGS_SUMMARY = "{count}, average {average:.2f} ({spread})"
STATS_GROUP_LINE = "**{group}**: {created} opened, {closed} closed, {open} open"
STATS_STAFF_LINE = "{user}: {closed} closed, {claimed} claimed, {first} first responses"
CHART_TITLE = "tickets per day:"
CHART_OPENED = "opened"
CHART_CLOSED = "closed"
FIELD_OPEN_NOW = "Open now"
FIELD_OPENED_COUNT = "Opened"
FIELD_CLOSED_COUNT = "Closed"
FIELD_FIRST_RESPONSE = "Median first staff response"
FIELD_TIME_TO_CLOSE = "Median time to close"
FIELD_RATINGS = "Ratings"
FIELD_PER_GROUP = "Per group"
FIELD_PER_STAFF = "Per staff member"
ALREADY_ENABLED = "Tickets are already enabled here."
ALREADY_DISABLED = "Tickets are already disabled here."
ENABLED = "Tickets are enabled: panels and /ticket open work again."
DISABLED = (
    "Tickets are disabled: panels answer that tickets are disabled; existing tickets keep working for staff."
)
PURGE_CONFIRM = (
    "This deletes every ticket, group, panel, transcript, attachment, rating and log entry TicketDesk keeps "
    "for this server. Channels and messages on Discord stay. It cannot be undone."
)
PURGE_NOT_CONFIRMED = "Nothing was deleted. Run /tickets purge confirm:True to see the confirmation button."
PURGED = "Deleted all of TicketDesk's data for this server: {tickets} tickets, {files} stored files."
DELETE_EVERYTHING = "Delete everything"
SETTINGS_SAVED = "Saved. Ticket admins: {admins}. Staff: {staff}. Log channel: {log}."
NOT_YOUR_BUTTONS = "These buttons belong to someone else's request; run the command yourself."

# -- rules: durations, forms, levels, names, schedules, message limits ----------------------------------
DURATION_EMPTY = "give a duration such as 2d 4h, 30m or 1w"
DURATION_INVALID = "'{text}' is not a duration; use something like 2d 4h"
DURATION_ZERO = "the duration must be longer than zero"
DURATION_TOO_LONG = "the duration must be at most ten years"
MOMENT_INVALID = "'{text}' is neither a duration (2d 4h) nor an ISO 8601 time (2026-03-01T12:00:00Z)"
MOMENT_PAST = "that time is in the past"
MOMENT_TOO_FAR = "that time is more than ten years away"
FORM_LABEL_LENGTH = "a field label needs 1 to {max} characters"
FORM_PLACEHOLDER_LENGTH = "a placeholder can be at most {max} characters"
FORM_DESCRIPTION_LENGTH = "a field description can be at most {max} characters"
FORM_LENGTHS_RANGE = "lengths must lie between 0 and {max}"
FORM_MIN_ABOVE_MAX = "the minimum length is above the maximum length"
FORM_REQUIRED_EMPTY = "a required field must allow at least one character"
FORM_SELECT_OPTIONS = "a select needs 1 to {max} options"
FORM_SELECT_DUPLICATES = "select options must be different from each other"
FORM_TOO_MANY_FIELDS = "a form holds at most {max} fields (a Discord modal's limit)"
FORM_TITLE_LENGTH = "a form title needs 1 to {max} characters"
FORM_SAME_KEY = "two fields share a key"
FORM_SAME_LABEL = "two fields share a label"
ANSWER_REQUIRED = "“{label}” is required"
ANSWER_TOO_LONG = "“{label}” can be at most {max} characters"
ANSWER_TOO_SHORT = "“{label}” needs at least {min} characters"
ANSWER_NOT_AN_OPTION = "“{label}” got a choice that is not on the list"
ANSWER_WRONG_KIND = "“{label}” got something that is not a {kind}"
LEVELS_TOO_MANY = "at most {max} levels (a select menu's limit)"
LEVEL_LABEL_LENGTH = "a level label needs 1 to {max} characters (got {got})"
LEVEL_DESCRIPTION_LENGTH = "a level description can be at most {max} characters"
LEVEL_EMOJI_LENGTH = "a level emoji can be at most {max} characters"
LEVEL_COLOUR = "'{colour}' is not a colour like #ff8800"
LEVEL_TWICE = "two levels are called '{label}'"
LEVEL_TWO_DEFAULTS = "only one level can be the default (marked with *)"
TEMPLATE_SYNTAX = "the template is not valid: {detail}"
TEMPLATE_FORMAT_SPEC = "template variables take no format specs: write {number}, not {number:03}"
TEMPLATE_LENGTH = "a name template needs 1 to {max} characters"
TEMPLATE_UNKNOWN = "unknown template variable {{{name}}}; use {known}"
TEMPLATE_EMPTY = "this template renders an empty channel name; include {number} or some letters"
SCHEDULE_ZONE = "'{name}' is not an IANA timezone (for example Europe/Berlin or UTC)"
SCHEDULE_TIME = "{time} is not a time of day"
SCHEDULE_RANGE = "expected a time range like 09:00-17:00, got '{token}'"
SCHEDULE_END_BEFORE_START = "{token}: the end must come after the start (split overnight hours per day)"
SCHEDULE_EMPTY = "give days and hours, for example: mo-fr 09:00-17:00; sa 10:00-14:00 Europe/Berlin"
SCHEDULE_OVERLAP = "two time ranges on the same day overlap"
SCHEDULE_SPAN = "'{token}' is not a day span like mo-fr"
SCHEDULE_DAY = "'{token}' is not a day (mo, tu, we, th, fr, sa, su)"
EMBEDS_NOT_JSON = "the embeds are not valid JSON ({detail} at character {position})"
EMBEDS_NOT_OBJECTS = 'embeds must be JSON objects like {"title": "…", "description": "…"}'
EMBED_UNKNOWN_KEYS = "embed {index} has unknown keys: {keys}"
MESSAGE_EMPTY = "a message needs some content or at least one embed"
CONTENT_TOO_LONG = "the content is {length} characters; Discord allows {max}"
TOO_MANY_EMBEDS = "there are {count} embeds; Discord allows {max}"
EMBED_TEXT_TOO_LONG = "embed {index}: the {key} is {length} characters; Discord allows {max}"
EMBED_TOO_MANY_FIELDS = "embed {index}: at most {max} fields"
EMBED_FIELD_EMPTY = "embed {index}, field {number}: a field needs a name and a value"
EMBED_FIELD_TOO_LONG = "embed {index}, field {number}: names allow {name} and values {value} characters"
EMBED_FOOTER_TOO_LONG = "embed {index}: the footer allows {max} characters"
EMBED_AUTHOR_TOO_LONG = "embed {index}: the author name allows {max} characters"
EMBED_COLOUR = "embed {index}: the color must be a number from 0 to 16777215 (0xFFFFFF)"
EMBEDS_TOO_LONG = "the embeds hold {total} characters in all; Discord allows {max}"

# -- transcripts hardening --
TRANSCRIPT_RATE_LIMITED = "You asked for {limit} transcripts in the last minute. You can ask again {when}."
ATTACHMENT_NOT_IN_DOWNLOAD = "kept by the bot, not in this download"

# -- operators --
CONFIG_FILE_NOT_TOML = "the config file {path} is not valid TOML: {detail}"
CONFIG_FILE_UNREADABLE = "cannot read the config file {path}: {detail}"
GUILD_IDS_INVALID = "guild ids are positive 64-bit Discord ids (1 to 9223372036854775807); {ids} {verb} not"
DATA_DIR_NOT_A_DIRECTORY = (
    "the data directory {path} is not a directory (a file is in the way); check data_dir"
)
DATA_DIR_CANNOT_CREATE = "cannot create the data directory {path}: {reason}; check data_dir"
DATA_DIR_NOT_WRITABLE = "the data directory {path} is not writable by this user: {reason}"
SECRET_KEY_UNUSABLE = "cannot read or create the secret key {path}: {reason}"
DATABASE_IS_A_DIRECTORY = "the database {path} is a directory, not a file; check database_url"
DATABASE_FOLDER_UNUSABLE = (
    "cannot create the database's folder {path}: {reason}; check data_dir or database_url"
)
DATABASE_NOT_SQLITE = "{path} is not a SQLite database; check data_dir or database_url"
DATABASE_CANNOT_OPEN = "cannot open the database {path}: {reason}"
DATABASE_MIGRATION_FAILED = (
    "migration {migration} failed on {path}: {reason} (is this another application's database?)"
)
LOG_DATABASE = "database {path} (schema version {version})"
BACKUP_NO_DATABASE = "there is no database at {path} to back up; `python -m bot check` shows the paths in use"
BACKUP_NO_FOLDER = "cannot write a backup to {path}: the folder {folder} does not exist"
BACKUP_IS_LIVE = "{path} is the live database; write the backup to another file"
BACKUP_EXISTS = "{path} already exists; choose another name, or pass --force to overwrite it"
BACKUP_FAILED = "the backup to {path} failed: {reason}; nothing was written"
BACKUP_BAD_COPY = "the copy failed integrity_check ({detail}); nothing was written to {path}"
BACKUP_WROTE = "wrote {path} ({size} bytes, schema version {version}, integrity_check ok)"
BACKUP_ALONGSIDE = (
    "files are not in the database: copy {files} alongside it (without the secret key, stored "
    "attachments cannot be decrypted)"
)
BACKUP_SECRET_CONFIGURED = "the secret key comes from your configuration (secret_key): keep a copy of it too"
HEALTH_OK = "healthy: {path} at schema version {version}"
HEALTH_NO_DATABASE = "unhealthy: there is no database at {path}"
HEALTH_OLD_SCHEMA = "unhealthy: {path} is at schema version {version}, this TicketDesk needs {newest}"
HEALTH_FAILED = "unhealthy: {reason}"
CLI_HELP_RUN = "run the bot (the default)"
CLI_HELP_CHECK = "validate the configuration, create and migrate the database, print what was found"
CLI_HELP_HEALTH = "a cheap read-only check for container health checks: the database is there and migrated"
CLI_HELP_BACKUP = "copy the database safely while the bot runs (SQLite's online backup), then verify the copy"
CLI_HELP_BACKUP_PATH = "the file to write, or a folder to write ticketdesk-<date>-<time>.sqlite3 into"
CLI_HELP_BACKUP_FORCE = "overwrite PATH if it exists"
CHECK_SECRET_CONFIGURED = "secret key: configured (secret_key)"
CHECK_SECRET_FILE = "secret key: {path}"
CHECK_SECRET_NEW = "secret key: {path} (created when the bot first starts)"
CONFIG_FILE_NOT_A_FILE = "TICKETDESK_CONFIG names {path}, which is not a file"

# -- settings export/import --
# problems in a file, each shown as "line N: where: detail"
IO_PROBLEM = "line {line}: {where}: {detail}"
IO_TOP_LEVEL = "the file"
IO_FILE_TOO_LARGE = "the file is larger than {max} KiB; a configuration is far smaller"
IO_NOT_UNICODE_TEXT = "the file is not UTF-8 text (byte {position})"
IO_NOT_JSON = "not valid JSON: {detail} (column {column})"
IO_TOO_DEEP = "nested more than {max} levels deep; a TicketDesk export never is"
IO_BAD_NUMBER = "holds a number JSON cannot carry here (NaN, Infinity, or thousands of digits)"
IO_KEY_TWICE = "the key “{key}” appears twice"
IO_NOT_AN_EXPORT = "this is not a TicketDesk export: it has no “ticketdesk” format number"
IO_FORMAT_NUMBER = "the format number must be a whole number (1)"
IO_NEWER_FORMAT = (
    "this file is format {version}, written by a newer TicketDesk; this one reads format {supported}. "
    "Update the bot, or export the file again from a server running this version"
)
IO_EXPECTED_OBJECT = "must be an object ({…})"
IO_EXPECTED_LIST = "must be a list ([…])"
IO_UNKNOWN_KEY = "unknown key “{key}” (the keys here are: {known})"
IO_MISSING_KEY = "“{key}” is required"
IO_TOO_MANY = "at most {max} items (there are {count})"
IO_EXPECTED_TEXT = "must be text"
IO_EXPECTED_TEXT_OR_NULL = "must be text or null"
IO_TEXT_LENGTH = "must be {least} to {most} characters (it has {length})"
IO_NUMBER = "must be a whole number from {least} to {most}"
IO_NUMBER_OR_NULL = "must be a whole number from {least} to {most}, or null"
IO_EXPECTED_FLAG = "must be true or false"
IO_EXPECTED_CHOICE = "must be one of: {choices}"
IO_EXPECTED_ID = "must be a Discord id (its digits, as text)"
IO_EXPECTED_ID_OR_NULL = "must be a Discord id (its digits, as text) or null"
IO_EXPECTED_TIME = "must be an ISO 8601 time with its offset, like 2030-01-31T12:00:00+00:00, or null"
IO_LOCALE = "must be a language tag like en-US"
IO_EMBEDS_LIST = (
    "must be a list of Discord embed objects (text for title, description and url; a number for color; "
    "fields with a name and a value)"
)
IO_UNKNOWN_VARIABLE = "uses an unknown variable {{{name}}}; the variables are {known}"
IO_NOT_AN_EMOJI = "is not an emoji; use a Unicode emoji or a custom one like <:name:id>"
IO_OPENING_TWICE = "set opening_message or opening_saved_message, not both"
IO_FORM_KEY = "a field key needs 1 to {max} letters, digits or underscores"
IO_OPTIONS = "must be a list of option texts"
IO_SCHEDULE_TEXT = "must be a schedule like “mo-fr 09:00-17:00; sa 10:00-14:00”, or null"
IO_WORDS_OR_REGEX = "a rule needs “words” or “regex”, not both"
IO_WORDS = "must be a list of 1 to {most} words or phrases, each up to {length} characters"
IO_NAME_TWICE = (
    "the name “{name}” is used twice (names are compared ignoring case); the other is on line {line}"
)
IO_NO_SUCH_GROUP = "there is no group “{name}” in this file"
IO_NO_SUCH_MESSAGE = "there is no saved message “{name}” in this file"
IO_NO_SUCH_TAG = "there is no tag “{name}” in this file"
IO_LISTED_TWICE = "listed twice; the other is on line {line}"
IO_MODE_FIXED = (
    "“{name}” is a {mode} group in this server, and a group's mode is chosen when it is created: give the "
    "group another name in the file, or delete it here first"
)
IO_PARENT_MISSING = "a thread group needs a parent text channel, and this server has not got that channel"
IO_CHANGED_SINCE_PREVIEW = (
    "Nothing was imported: this server's configuration, roles or channels changed since the preview "
    "(another admin, perhaps). Run /tickets import again to see what it changes now."
)
IO_TOO_LARGE = (
    "That file is {size} KiB; an import takes at most {max} KiB (an export is far smaller: is it the "
    "right file?). Nothing was changed."
)
IO_DOWNLOAD_FAILED = "I could not download that file from Discord; try again. Nothing was changed."
IO_EXPORTED = (
    "This server's ticket configuration (groups {groups} · saved messages {saved} · panels {panels} · "
    "tags {tags} · blacklist entries {blacklist}). Keep it (in git, say), or bring it to another server with "
    "/tickets import. It holds role, channel and member ids: share it with admins only."
)
IO_EXPORT_NOT_IMPORTABLE = (
    "⚠️ It is more than an import takes ({max} KiB; {groups} groups, {panels} panels, {saved} saved "
    "messages, {tags} tags, {blacklist} blacklist entries), so it cannot be imported as it is."
)
IO_NOT_IMPORTED = Plural(
    "The file was not imported: it has {count} problem. Nothing was changed.",
    "The file was not imported: it has {count} problems. Nothing was changed.",
)
IO_PROBLEMS_TITLE = "Problems in the file"
IO_MORE_PROBLEMS = "… and {count} more"
IO_SEE_FILE = "… (all of it is in the attached file)"
IO_PREVIEW_TITLE = "Import preview"
IO_PREVIEW = (
    "This is what importing {filename} changes: it replaces this server's ticket configuration with the "
    "file's. Nothing changes until you press {button}."
)
IO_CONFIRM = "Import"
IO_IMPORTING = "Importing…"
IO_LOSES_ADMIN = (
    "⚠️ After this import you are no longer a ticket admin here: it changes the admin roles, and you do "
    "not have Manage Server."
)
IO_NOTHING_TO_CHANGE = "This server already has the configuration in that file: there is nothing to import."
IO_SECTION_SETTINGS = "Settings"
IO_SECTION_GROUPS = "Groups"
IO_SECTION_SAVED_MESSAGES = "Saved messages"
IO_SECTION_PANELS = "Panels"
IO_SECTION_TAGS = "Tags"
IO_SECTION_BLACKLIST = "Blacklist"
IO_SECTION_DROPPED = "Not in this server (left out)"
IO_SECTION_EXPIRED = "Blacklist entries that expired since the export (left out)"
IO_SETTING_LINE = "✏️ {change}"
IO_FIELD_CHANGE = "{field} {old} → {new}"
IO_CREATED_LINE = "➕ {name} (new)"
IO_CHANGED_LINE = "✏️ {name}: {fields}"
IO_REMOVED_LINE = "🗑️ {name} (deleted)"
IO_KEPT_LINE = Plural(
    "⚠️ {name} is not in the file but has {count} open ticket: it is kept (delete it with /group delete "
    "once it is closed)",
    "⚠️ {name} is not in the file but has {count} open tickets: it is kept (delete it with /group delete "
    "once they are closed)",
)
IO_KIND_ROLE = "role"
IO_KIND_CATEGORY = "category"
IO_KIND_CHANNEL = "text channel"
IO_DROPPED_LINE = "{what} {id}: {where}"
IO_AND_MORE = " and {count} more"
IO_PANELS_NOTE = (
    "Panels are not posted by an import: a posted panel stays where it is and shows its new entries, a "
    "deleted panel's message is deleted, and a new panel is posted with /panel post."
)
IO_IMPORTED = "Imported: {created} created, {changed} changed, {removed} deleted."
IO_KEPT_NAME = "{name} ({count} open)"
IO_IMPORTED_KEPT = (
    "Kept because of open tickets: {groups}; delete them with /group delete once those are closed."
)
IO_IMPORTED_REFRESHED = Plural("{count} posted panel was refreshed.", "{count} posted panels were refreshed.")
IO_IMPORTED_REMOVED_POSTS = Plural(
    "{count} deleted panel's message was removed.", "{count} deleted panels' messages were removed."
)
