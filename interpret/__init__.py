"""dualuse.interpret: reads an officer's sentences into a transfer; it never decides.

It uses only the engine's public names. An :class:`Interpreter` holds the index of one catalogue's
names; its readers run in the order :data:`dualuse.interpret.readers.READERS` declares.
"""

from dualuse.interpret.interpreter import FOLLOW_UP, Interpreter, interpret, speaker_of
from dualuse.interpret.models import CatalogueSource, Clarification, Reading, Speaker, Understood
from dualuse.interpret.names import normalise, normalise_name
from dualuse.interpret.readers.places import country_code
from dualuse.interpret.setting import set_fact

__all__ = [
    "FOLLOW_UP",
    "CatalogueSource",
    "Clarification",
    "Interpreter",
    "Reading",
    "Speaker",
    "Understood",
    "country_code",
    "interpret",
    "normalise",
    "normalise_name",
    "set_fact",
    "speaker_of",
]
