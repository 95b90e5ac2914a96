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

# -- groups, panels, setup ------------------------------------------------------------------------
GROUP_NOT_FOUND = "There is no ticket group called “{name}” here."
GROUP_EXISTS = "A ticket group called “{name}” already exists."
GROUP_HAS_OPEN_TICKETS = "“{name}” still has {count} open ticket(s); close them before deleting the group."
GROUP_NAME_BAD = "A group name needs 1 to 50 characters."
NOT_A_CATEGORY = "“{name}” is not a category."
NOT_A_TEXT_CHANNEL = "“{name}” is not a text channel."
CHANNEL_UNKNOWN = "I cannot find the channel “{name}” in this server."
ROLE_UNKNOWN = "I cannot find the role “{name}” in this server."
THREAD_MODE_NEEDS_PARENT = (
    "A thread-mode group needs a parent text channel (parent_channel) for its private threads."
)
CANNOT_CLEAR = "“{name}” cannot be cleared; the fields that can are: {fields}."
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

# -- opening tickets --------------------------------------------------------------------------------
TICKET_READY = "Your ticket is ready: {channel}"
TICKET_READY_FOR = "Ticket {channel} is open for {user}."
ALREADY_OPEN = "You already have {count} open ticket(s) in {group} (the limit is {limit}): {links}"
ALREADY_OPEN_FOR = "{user} already has {count} open ticket(s) in {group} (the limit is {limit}): {links}"
BEING_OPENED = "a ticket being opened"
COOLDOWN_ACTIVE = "You can open another {group} ticket {when}."
OUT_OF_HOURS_BLOCK = "{group} support is closed right now. We open again {when}."
OUT_OF_HOURS_BLOCK_NEVER = "{group} support has no opening hours set, so tickets cannot be opened right now."
OUT_OF_HOURS_WARN = "Heads-up: we are outside support hours; the team is back {when}."
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
QUOTED_MESSAGE = "Message from {author}"
FORM_TRUNCATED = "Some answers were too long to show here; the full answers are attached."
FORM_RESULTS_TITLE = "Form answers for ticket #{number} · {group}"
LOG_OPENED = "Ticket #{number} ({group}) opened by {owner} in {channel}."
SETUP_DONE = "Setup is ready. Created: {created}. Already there: {existing}. Panel: {panel}."
SETUP_NOTHING = "nothing"
STILL_OPENING = "Your ticket is still being opened; its link will follow in a moment."

# -- working tickets -------------------------------------------------------------------------------
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
REOPEN_LIMIT = (
    "{owner} already has {count} open ticket(s) in {group} (the limit is {limit}); close one first."
)
NO_LEVELS = "The {group} group has no {kind} levels; an admin can add them with /group edit."
UNKNOWN_LEVEL = "“{level}” is not one of the {kind} levels of {group}: {levels}."
SAME_GROUP = "Ticket #{number} is already in {group}."
MOVE_MODE = "Tickets can only move between groups of the same mode ({mode})."
MOVE_PARENT = "A thread cannot move to a group whose tickets live in another channel."
ETERNAL_ALREADY = "Ticket #{number} is {state} eternal already."
ETERNAL_NO_EXPIRY = (
    "Ticket #{number} is eternal, so it never expires; turn that off first with /ticket eternal."
)
NAME_INVALID = "That name leaves nothing usable for a channel name."
NAME_SAME = "Ticket #{number} is already called {name}."
DONE = "Done: {what}."
CONFIRM_CLOSE = "Close ticket #{number}?{reason}"
CONFIRM_DELETE = "Delete ticket #{number}? Its channel goes away; the record and transcript stay."
CANCELLED = "Nothing was changed."
CLOSE_REASON_LABEL = "Reason (optional)"
CLOSE_MODAL_TITLE = "Close ticket #{number}"

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
LOG_LINE = "Ticket #{number} ({group}): {action} by {actor}{reason}"
SYNC_DONE = "Sync finished: {report}."

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

# -- custom messages, privacy, feedback, stats, module administration -----------------------------------
MESSAGE_NOT_FOUND = "There is no saved message called “{name}” here."
MESSAGE_EXISTS = "A saved message called “{name}” already exists."
MESSAGE_INVALID = "Discord would refuse that message: {detail}."
MESSAGE_UNKNOWN_VARIABLE = "The message uses an unknown variable {{{name}}}; the variables are {known}."
MESSAGE_FORUM_NEEDS_NAME = "A forum channel needs a post title: give thread_name."
MESSAGE_SENT_NOT_FOUND = "That message is not in that channel."
MESSAGE_NOT_OURS = "That message was not sent by this bot, so it cannot be edited."
MESSAGE_SENT = "Sent: {link}"
MESSAGE_EDITED = "Edited: {link}"
MESSAGE_SAVED = "Saved the message “{name}”."
PRIVACY_TITLE = "What TicketDesk keeps about you in this server"
PRIVACY_NOTHING = "Nothing: TicketDesk keeps no data about you in this server."
PRIVACY_DELETE_CONFIRM = (
    "This removes your messages, attachments, form answers and feedback comments from every ticket and "
    "transcript here, closes your open tickets, and replaces your name and id with a placeholder. It cannot "
    "be undone. Messages on Discord itself are not deleted by this."
)
PRIVACY_DELETED = "Done. Removed: {summary}."
PRIVACY_EXPORT = "Everything TicketDesk keeps about you in this server."
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
STATS_TITLE = "Ticket stats ({period})"
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
SETTINGS_SAVED = "Saved. Ticket admins: {admins}. Staff: {staff}. Log channel: {log}."
NOT_YOUR_BUTTONS = "These buttons belong to someone else's request; run the command yourself."
