-- Every message the bot sees is looked up by channel: make the notes-thread side of that lookup indexed too.
CREATE INDEX tickets_notes_thread ON tickets (notes_thread_id) WHERE notes_thread_id IS NOT NULL;
