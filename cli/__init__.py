"""The dualuse command line: one console script over the engine's public API."""
