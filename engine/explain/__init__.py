"""Explanation: proofs, why-not and the independent proof checker (above ``law``)."""
