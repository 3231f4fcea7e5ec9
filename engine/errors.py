"""Errors raised by the engine, each with a stable ``code`` and a place in a file.

>>> err = RuleSyntaxError("expected ')'", file="a.dl", line=3, column=7)
>>> str(err)
"a.dl:3:7: syntax_error: expected ')'"
"""

from __future__ import annotations


class DualuseError(Exception):
    """Base class of every error the engine raises on purpose."""

    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    @property
    def where(self) -> str:
        """The ``file:line:column`` prefix, as far as it is known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.code}: {self.message}"


class RuleSyntaxError(DualuseError):
    """A rule file or clause does not follow the grammar."""

    code = "syntax_error"


class RuleCheckError(DualuseError):
    """A parsed program breaks a static check (arity, safety, stratification, metadata)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.code = code
        super().__init__(message, file=file, line=line, column=column)


class SafetyViolationError(RuleCheckError):
    """A variable is not range-restricted (``unbound_variable``) or ``_`` is in a head."""


class StratificationError(RuleCheckError):
    """A predicate depends on its own negation (``cyclic_negation``)."""


class ArityError(RuleCheckError):
    """A predicate is used with different numbers of arguments (``arity_mismatch``)."""


class RuleBaseError(DualuseError):
    """A rule base folder has one or more errors; ``errors`` lists them all."""

    code = "rule_base_invalid"

    def __init__(self, errors: list[DualuseError]) -> None:
        self.errors = errors
        first = errors[0] if errors else None
        if first is not None:
            self.code = first.code
        super().__init__(
            f"{len(errors)} error(s) in the rule base",
            file=first.file if first else None,
            line=first.line if first else None,
            column=first.column if first else None,
        )

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class DataError(DualuseError):
    """A data table (CSV) is malformed."""

    code = "data_error"


class InputError(DualuseError):
    """A transfer given to the engine is malformed; ``field`` names where."""

    code = "invalid_input"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message, file=field or "<input>")
