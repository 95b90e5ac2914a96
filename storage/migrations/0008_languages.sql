-- The language TicketDesk speaks in a server's public messages (tickets, panels, the log channel,
-- transcripts): a shipped language ('de', 'pt_BR', ...), or NULL to follow the server's own Discord
-- language when TicketDesk speaks it (English otherwise). It replaces the unused ``locale`` column.
ALTER TABLE guilds ADD COLUMN language TEXT;
UPDATE guilds SET language = CASE locale
    WHEN 'de' THEN 'de' WHEN 'fr' THEN 'fr' WHEN 'es-ES' THEN 'es' WHEN 'es-419' THEN 'es'
    WHEN 'pt-BR' THEN 'pt_BR' WHEN 'pl' THEN 'pl' WHEN 'ru' THEN 'ru' WHEN 'tr' THEN 'tr' WHEN 'nl' THEN 'nl'
    END
WHERE locale <> 'en-US';
ALTER TABLE guilds DROP COLUMN locale;
