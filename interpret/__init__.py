"""Free text to a transfer: reads an officer's sentences, says what it understood, never decides.

It uses only the engine's public names (an import-linter contract says so).
"""

from dualuse.interpret.interpreter import Clarification, Reading, Understood, interpret, set_fact

__all__ = ["Clarification", "Reading", "Understood", "interpret", "set_fact"]
