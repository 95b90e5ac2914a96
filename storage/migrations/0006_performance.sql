-- Indexes for the statements that run on every click, message, close and scheduler tick, so none of them
-- reads a table that grows with use from end to end (tests/flows/test_query_plans.py keeps it so).

-- the archive by channel: the newest archived message (start-up catch-up) and the live ones (close, save)
CREATE INDEX archived_messages_channel ON archived_messages (channel_id, message_id);
-- attachments by message (foreign-key cascades, erasure) and the few still to download (start-up)
CREATE INDEX attachments_message ON attachments (message_id);
CREATE INDEX attachments_pending ON attachments (attachment_id) WHERE status = 'pending';
-- given-up openings forgotten after a week (every reconciliation)
CREATE INDEX discarded_intents_age ON discarded_intents (discarded_at);
-- ratings by period (/tickets stats) and by member (/privacy)
CREATE INDEX feedback_guild ON feedback (guild_id, created_at);
CREATE INDEX feedback_member ON feedback (guild_id, user_id);
-- saved messages a member sent (/privacy)
CREATE INDEX sent_messages_member ON sent_messages (guild_id, sent_by);
-- deleted tickets of the last day, whose channel a crash may have left behind (every reconciliation)
CREATE INDEX tickets_recently_deleted ON tickets (guild_id, deleted_at) WHERE status = 'deleted';

-- What follows a close (the transcript saved and posted, the owner's copy, the rating request) is work
-- the staff member does not wait for. Written in the same transaction as the close, so a restart finishes
-- it: ``step`` counts the steps done; ``again`` asks for another round when the ticket closed again
-- while one ran; ``generation`` tells the rounds apart (it starts at a random number, and each message a
-- step sends carries a nonce made from it, so Discord makes it once even when a step is retried after a
-- crash).
CREATE TABLE follow_ups (
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    step       INTEGER NOT NULL DEFAULT 0,
    generation INTEGER NOT NULL DEFAULT 1,
    again      INTEGER NOT NULL DEFAULT 0 CHECK (again IN (0, 1)),
    attempts   INTEGER NOT NULL DEFAULT 0,
    queued_at  TEXT NOT NULL,
    PRIMARY KEY (ticket_id, kind)
);
