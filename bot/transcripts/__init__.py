"""Transcript rendering: pure, streaming, no discord and no network."""
