"""The dualuse chat: a Textual terminal app over the engine's public API."""
