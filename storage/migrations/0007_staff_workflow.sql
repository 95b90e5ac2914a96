-- What staff use every day: pings, tags, the blacklist, warnings before an automatic close, close
-- requests and claim modes.

-- Who is told about a new ticket: the roles pinged in it (NULL: the group's support roles), when
-- ('open': in the opening message; 'first_message': when the owner first writes; 'never'), and an
-- optional channel that gets one line with a link per new ticket.
ALTER TABLE ticket_groups ADD COLUMN ping_role_ids TEXT;
ALTER TABLE ticket_groups ADD COLUMN ping_on TEXT NOT NULL DEFAULT 'open'
    CHECK (ping_on IN ('open', 'first_message', 'never'));
ALTER TABLE ticket_groups ADD COLUMN staff_notify_channel_id INTEGER;
ALTER TABLE tickets ADD COLUMN staff_pinged_at TEXT;

-- A warning this long before an automatic close (inactivity or expiry). ``warned_for`` is the due time of
-- the period it warned about (a reply that counts moves that time, so a new period may be warned once
-- more); ``warned_at`` when it was posted: the close comes no sooner than the warning's length after it.
ALTER TABLE ticket_groups ADD COLUMN inactivity_warn_seconds INTEGER;
ALTER TABLE tickets ADD COLUMN warned_for TEXT;
ALTER TABLE tickets ADD COLUMN warned_at TEXT;

-- A close request waiting for the owner: it closes the ticket at ``close_request_at`` unless answered.
ALTER TABLE tickets ADD COLUMN close_request_at TEXT;
ALTER TABLE tickets ADD COLUMN close_request_by INTEGER;
ALTER TABLE tickets ADD COLUMN close_request_reason TEXT;
ALTER TABLE tickets ADD COLUMN close_request_message_id INTEGER;
CREATE INDEX tickets_close_requests ON tickets (close_request_at)
    WHERE close_request_at IS NOT NULL AND status = 'open';

-- How a claim changes access: 'label' (it only shows who works the ticket), 'exclusive' (other support
-- staff may read but not write), 'hidden' (other support staff lose sight of it).
ALTER TABLE ticket_groups ADD COLUMN claim_mode TEXT NOT NULL DEFAULT 'label'
    CHECK (claim_mode IN ('label', 'exclusive', 'hidden'));

-- Keyword auto-replies (a JSON list of rules), and when a ticket was last answered by one (the cooldown).
ALTER TABLE ticket_groups ADD COLUMN auto_replies TEXT NOT NULL DEFAULT '[]';
ALTER TABLE tickets ADD COLUMN auto_replied_at TEXT;

-- Tags: canned replies staff post in tickets (content and embeds with {variables}, as saved messages).
CREATE TABLE tags (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    content    TEXT,
    embeds     TEXT NOT NULL DEFAULT '[]',
    created_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX tags_name ON tags (guild_id, name COLLATE NOCASE);

-- Members and roles kept from opening tickets, with the reason (shown to them only if the admin chose),
-- until an optional expiry.
CREATE TABLE blacklist (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('member', 'role')),
    target_id    INTEGER NOT NULL,
    reason       TEXT,
    reason_shown INTEGER NOT NULL DEFAULT 0 CHECK (reason_shown IN (0, 1)),
    expires_at   TEXT,
    added_by     INTEGER,
    added_at     TEXT NOT NULL,
    UNIQUE (guild_id, kind, target_id)
);
CREATE INDEX blacklist_expiry ON blacklist (expires_at) WHERE expires_at IS NOT NULL;
