"""How a command fails: one clear message on stderr and an exit code, never a traceback.

Exit codes: 0 done; 1 the command ran and found problems (rule errors, rows that could not be
decided, a rule base that does not load); 2 unusable input (malformed JSON, an unknown field, a bad
date, a wrong type, a missing file); 70 an internal error, a bug to report. Set ``DUALUSE_DEBUG=1``
to see the traceback of an internal error.

>>> describe(InputError("must be a two-letter ISO country code", field="end_user.country"))
'end_user.country: must be a two-letter ISO country code'
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import typer
from dualuse.engine import DualuseError, InputError

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
"""``EX_SOFTWARE`` of sysexits.h."""

P = ParamSpec("P")
R = TypeVar("R")


class BadInput(Exception):
    """Input the command cannot use; the message names what and where."""


class CommandFailed(Exception):
    """The command cannot go on (for example, a worker could not load the rules)."""


def describe(error: DualuseError) -> str:
    """The message for an engine error.

    ``field: message`` for bad input; ``file:line:col: code: message`` for the others.
    """
    if isinstance(error, InputError):
        message = error.message.replace("Value error, ", "")
        if error.field and not message.startswith(f"{error.field}:"):
            return f"{error.field}: {message}"
        return message
    return str(error)


def fail(message: str, code: int) -> NoReturn:
    """Print ``error: message`` on stderr and leave with ``code``."""
    first, *rest = message.splitlines() or [""]
    typer.echo(f"error: {first}", err=True)
    for more in rest:
        typer.echo(f"  {more}", err=True)
    raise typer.Exit(code)


def internal_error(exc: BaseException) -> str:
    """The one-line message for a bug."""
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return (
        f"internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
        "(a bug in dualuse; rerun with DUALUSE_DEBUG=1 for the traceback)"
    )


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so that every exception becomes a message and an exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, BrokenPipeError, KeyboardInterrupt):
            raise
        except BadInput as exc:
            fail(str(exc), EXIT_USAGE)
        except InputError as exc:
            fail(describe(exc), EXIT_USAGE)
        except DualuseError as exc:
            fail(describe(exc), EXIT_PROBLEMS)
        except CommandFailed as exc:
            fail(str(exc), EXIT_PROBLEMS)
        except Exception as exc:
            if os.environ.get("DUALUSE_DEBUG"):
                raise
            fail(internal_error(exc), EXIT_INTERNAL)

    return run
