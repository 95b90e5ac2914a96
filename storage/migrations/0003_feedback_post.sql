-- Where a rating was posted, so the comment that follows can be added to the same message.
ALTER TABLE feedback ADD COLUMN channel_id INTEGER;
ALTER TABLE feedback ADD COLUMN message_id INTEGER;
