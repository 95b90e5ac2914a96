-- Openings given up before Discord confirmed their channel. A channel that later turns up with one of these
-- markers is the bot's own leftover and may be deleted; a marker the database does not know never is.
CREATE TABLE discarded_intents (
    uuid         TEXT PRIMARY KEY,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    discarded_at TEXT NOT NULL
);

-- Whose message "Open ticket from message" quoted in a ticket's opening message (their words and name).
ALTER TABLE tickets ADD COLUMN source_author_id INTEGER;

-- Messages that /message send made: only these may be edited through it (never a log line or a panel).
CREATE TABLE sent_messages (
    message_id        INTEGER PRIMARY KEY,
    guild_id          INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    channel_id        INTEGER NOT NULL,
    custom_message_id INTEGER REFERENCES custom_messages (id) ON DELETE SET NULL,
    sent_by           INTEGER,
    sent_at           TEXT NOT NULL
);

-- One member cannot fill the server: a cap on tickets a member opens in a group per day (0: none), and
-- closed ticket channels removed after a retention (their transcripts kept). Groups that exist keep their
-- closed channels as before (NULL); new groups get seven days.
ALTER TABLE ticket_groups ADD COLUMN daily_limit INTEGER NOT NULL DEFAULT 10 CHECK (daily_limit >= 0);
ALTER TABLE ticket_groups ADD COLUMN closed_retention_seconds INTEGER DEFAULT 604800
    CHECK (closed_retention_seconds IS NULL OR closed_retention_seconds > 0);
UPDATE ticket_groups SET closed_retention_seconds = NULL;

-- A message's text and embeds as HTML, rendered when it was archived (NULL: rendered when the transcript
-- is made); whatever changes the text or the embeds empties these.
ALTER TABLE archived_messages ADD COLUMN content_html TEXT;
ALTER TABLE archived_messages ADD COLUMN embeds_html TEXT;
