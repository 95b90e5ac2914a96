-- When the owner last wrote in the ticket (inactivity auto-close can count only the owner's messages).
ALTER TABLE tickets ADD COLUMN last_owner_activity TEXT;
UPDATE tickets SET last_owner_activity = last_activity;
CREATE INDEX tickets_open_activity ON tickets (status, last_activity);
