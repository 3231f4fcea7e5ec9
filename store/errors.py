"""The one error of the records store."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as asked; the message says why, in words for people."""
