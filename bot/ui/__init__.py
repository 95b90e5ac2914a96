"""Discord UI pieces: persistent components, modals, embeds, and the reply helpers."""
