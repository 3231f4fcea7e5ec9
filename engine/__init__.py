"""The dualuse engine: parse, check, evaluate, prove and decide."""
