"""The command line and the chat start without the database layer, which only a store needs."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_command_line_and_the_chat_loads_no_database_layer() -> None:
    code = (
        "import sys, dualuse.cli.main, dualuse.tui.app\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
        "from dualuse.store import Store\n"  # and the store is there when it is used
        "print('sqlalchemy' in sys.modules, Store.__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "True Store"]
