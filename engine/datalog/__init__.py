"""The Datalog language: syntax, parser, static checks and evaluation (the lowest layer)."""
