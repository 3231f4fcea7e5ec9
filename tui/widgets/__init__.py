"""Widgets of the chat, one per file."""
