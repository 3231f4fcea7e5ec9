"""Screens of the chat, one per file."""
