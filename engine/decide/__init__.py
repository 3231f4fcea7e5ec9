"""Decisions: the transfer, its facts, names and items read, and deciding (the top layer)."""
