"""Reports for people from the engine's decisions: plain text and Markdown.

Both are pure functions of a :class:`~dualuse.engine.Decision`; the command line prints them and
the chat exports the Markdown one.

>>> from dualuse.engine import Engine
>>> decision = Engine().decide({
...     "date": "2026-01-05", "transfer": "bonded-zone", "destination": "CN",
...     "consignee": {"name": "Huaxin Bonded Warehouse", "country": "CN"}})
>>> render_markdown(decision).splitlines()[0]
'# Decision'
"""

from dualuse.render.markdown import render_markdown
from dualuse.render.plain import internal_names
from dualuse.render.text import render_text

__all__ = ["internal_names", "render_markdown", "render_text"]
