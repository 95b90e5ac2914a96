-- Openings given up before Discord confirmed their channel. A channel that later turns up with one of these
-- markers is the bot's own leftover and may be deleted; a marker the database does not know never is.
CREATE TABLE discarded_intents (
    uuid         TEXT PRIMARY KEY,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    discarded_at TEXT NOT NULL
);

-- Whose message "Open ticket from message" quoted in a ticket's opening message (their words and name).
ALTER TABLE tickets ADD COLUMN source_author_id INTEGER;
