-- TicketDesk initial schema. Times are ISO 8601 UTC strings; Discord ids are INTEGER snowflakes;
-- lists and structured config are JSON text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Per server settings (Husqy enable/disable/status).
CREATE TABLE guilds (
    guild_id           INTEGER PRIMARY KEY,
    enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    admin_role_ids     TEXT NOT NULL DEFAULT '[]',
    staff_role_ids     TEXT NOT NULL DEFAULT '[]',
    log_channel_id     INTEGER,
    default_group_id   INTEGER,
    locale             TEXT NOT NULL DEFAULT 'en-US',
    last_ticket_number INTEGER NOT NULL DEFAULT 0 CHECK (last_ticket_number >= 0),
    joined_at          TEXT,
    left_at            TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- Ticket numbers given back by a creation that failed before its channel existed; reused first.
CREATE TABLE free_ticket_numbers (
    guild_id INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    number   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, number)
);

-- Saved message templates (Ticketeer custom messages, Husqy embed config).
CREATE TABLE custom_messages (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    content    TEXT,
    embeds     TEXT NOT NULL DEFAULT '[]',
    created_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX custom_messages_name ON custom_messages (guild_id, name COLLATE NOCASE);

-- A kind of ticket and all its configuration (Ticketeer groups, Husqy panel config).
CREATE TABLE ticket_groups (
    id                       INTEGER PRIMARY KEY,
    guild_id                 INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name                     TEXT NOT NULL,
    mode                     TEXT NOT NULL DEFAULT 'channel' CHECK (mode IN ('channel', 'thread')),
    category_ids             TEXT NOT NULL DEFAULT '[]',
    parent_channel_id        INTEGER,
    closed_category_id       INTEGER,
    locked_category_id       INTEGER,
    assigned_category_id     INTEGER,
    transcript_channel_id    INTEGER,
    form_channel_id          INTEGER,
    feedback_channel_id      INTEGER,
    log_channel_id           INTEGER,
    support_role_ids         TEXT NOT NULL DEFAULT '[]',
    name_template            TEXT NOT NULL DEFAULT 'ticket-{number}',
    opening_message          TEXT,
    opening_message_id       INTEGER REFERENCES custom_messages (id) ON DELETE SET NULL,
    form_title               TEXT,
    form_fields              TEXT NOT NULL DEFAULT '[]',
    user_limit               INTEGER NOT NULL DEFAULT 1 CHECK (user_limit >= 0),
    cooldown_seconds         INTEGER NOT NULL DEFAULT 0 CHECK (cooldown_seconds >= 0),
    priority_levels          TEXT NOT NULL DEFAULT '[]',
    rating_levels            TEXT NOT NULL DEFAULT '[]',
    schedule                 TEXT,
    timezone                 TEXT NOT NULL DEFAULT 'UTC',
    out_of_hours             TEXT NOT NULL DEFAULT 'allow' CHECK (out_of_hours IN ('allow', 'warn', 'block')),
    inactivity_close_seconds INTEGER CHECK (inactivity_close_seconds IS NULL OR inactivity_close_seconds > 0),
    inactivity_owner_only    INTEGER NOT NULL DEFAULT 0 CHECK (inactivity_owner_only IN (0, 1)),
    owner_can_close          INTEGER NOT NULL DEFAULT 1 CHECK (owner_can_close IN (0, 1)),
    close_on_owner_leave     INTEGER NOT NULL DEFAULT 0 CHECK (close_on_owner_leave IN (0, 1)),
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    deleted_at               TEXT
);
CREATE UNIQUE INDEX ticket_groups_name ON ticket_groups (guild_id, name COLLATE NOCASE) WHERE deleted_at IS NULL;

-- A message with entry points (Ticketeer panels, Husqy panels).
CREATE TABLE panels (
    id                INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL DEFAULT 'button' CHECK (kind IN ('button', 'type_buttons', 'dropdown')),
    title             TEXT,
    description       TEXT,
    custom_message_id INTEGER REFERENCES custom_messages (id) ON DELETE SET NULL,
    channel_id        INTEGER,
    message_id        INTEGER,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX panels_name ON panels (guild_id, name COLLATE NOCASE);

-- One entry point of a panel (Husqy ticket types).
CREATE TABLE panel_entries (
    id          INTEGER PRIMARY KEY,
    panel_id    INTEGER NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL REFERENCES ticket_groups (id),
    label       TEXT NOT NULL,
    emoji       TEXT,
    description TEXT,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX panel_entries_panel ON panel_entries (panel_id, position);

-- One conversation (the Ticketeer ticket object plus ours).
CREATE TABLE tickets (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE,
    guild_id            INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    group_id            INTEGER REFERENCES ticket_groups (id),
    number              INTEGER NOT NULL CHECK (number > 0),
    status              TEXT NOT NULL CHECK (status IN ('creating', 'open', 'closed', 'deleted')),
    owner_id            INTEGER NOT NULL,
    opened_by_id        INTEGER,
    assigned_id         INTEGER,
    channel_id          INTEGER UNIQUE,
    channel_parent_id   INTEGER,
    name                TEXT,
    custom_name         INTEGER NOT NULL DEFAULT 0 CHECK (custom_name IN (0, 1)),
    open_slot           INTEGER,
    form                TEXT NOT NULL DEFAULT '[]',
    priority            INTEGER,
    rating              INTEGER,
    closed_reason       TEXT,
    created_at          TEXT NOT NULL,
    opened_at           TEXT,
    closed_at           TEXT,
    deleted_at          TEXT,
    last_activity       TEXT,
    locked_at           TEXT,
    expire_at           TEXT,
    expire_clearable    INTEGER NOT NULL DEFAULT 0 CHECK (expire_clearable IN (0, 1)),
    eternal             INTEGER NOT NULL DEFAULT 0 CHECK (eternal IN (0, 1)),
    notes_thread_id     INTEGER,
    transcript_saved_at TEXT,
    opening_message_id  INTEGER,
    source_channel_id   INTEGER,
    source_message_id   INTEGER,
    owner_left_at       TEXT,
    request_key         TEXT UNIQUE,
    UNIQUE (guild_id, number),
    -- A ticket holds one of its owner's open slots in its group while it is open; the group's per-user
    -- limit is the number of slots, so the database itself refuses one ticket too many.
    UNIQUE (group_id, owner_id, open_slot)
);
CREATE INDEX tickets_guild_status ON tickets (guild_id, status);
CREATE INDEX tickets_owner ON tickets (guild_id, owner_id);
CREATE INDEX tickets_expiry ON tickets (expire_at) WHERE expire_at IS NOT NULL AND status = 'open';

-- Members added to a ticket besides its owner and staff.
CREATE TABLE ticket_members (
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    added_by   INTEGER,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);

-- The audit trail: every action, allowed or refused.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    ticket_id  INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    actor_id   INTEGER,
    action     TEXT NOT NULL,
    target_id  INTEGER,
    reason     TEXT,
    anonymous  INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    allowed    INTEGER NOT NULL DEFAULT 1 CHECK (allowed IN (0, 1)),
    detail     TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX events_guild ON events (guild_id, created_at);
CREATE INDEX events_ticket ON events (ticket_id);

-- The live archive behind transcripts.
CREATE TABLE archived_messages (
    message_id    INTEGER PRIMARY KEY,
    ticket_id     INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    channel_id    INTEGER NOT NULL,
    source        TEXT NOT NULL DEFAULT 'ticket' CHECK (source IN ('ticket', 'notes')),
    author_id     INTEGER NOT NULL,
    author_name   TEXT NOT NULL,
    author_avatar TEXT,
    author_bot    INTEGER NOT NULL DEFAULT 0 CHECK (author_bot IN (0, 1)),
    content       TEXT NOT NULL DEFAULT '',
    embeds        TEXT NOT NULL DEFAULT '[]',
    components    TEXT NOT NULL DEFAULT '[]',
    reference_id  INTEGER,
    created_at    TEXT NOT NULL,
    edited_at     TEXT,
    deleted_at    TEXT
);
CREATE INDEX archived_messages_ticket ON archived_messages (ticket_id, message_id);

-- Earlier versions of edited messages, oldest first.
CREATE TABLE message_revisions (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES archived_messages (message_id) ON DELETE CASCADE,
    content    TEXT NOT NULL DEFAULT '',
    embeds     TEXT NOT NULL DEFAULT '[]',
    replaced_at TEXT NOT NULL
);
CREATE INDEX message_revisions_message ON message_revisions (message_id);

CREATE TABLE attachments (
    attachment_id INTEGER PRIMARY KEY,
    message_id    INTEGER NOT NULL REFERENCES archived_messages (message_id) ON DELETE CASCADE,
    ticket_id     INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    filename      TEXT NOT NULL,
    mime          TEXT,
    size          INTEGER NOT NULL DEFAULT 0,
    sha256        TEXT,
    url           TEXT,
    encrypted     INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'too_large', 'failed', 'erased')),
    created_at    TEXT NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id);

-- Ratings and comments after close; one per ticket.
CREATE TABLE feedback (
    ticket_id  INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    rating     INTEGER NOT NULL,
    comment    TEXT,
    created_at TEXT NOT NULL
);
