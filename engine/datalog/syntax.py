"""Typed models of parsed Datalog programs: terms, literals, clauses, declarations, articles.

>>> Atom(pred="p", args=(Var(name="X"), Const(value=1))).text()
'p(X, 1)'
"""

from __future__ import annotations

from datetime import date
from typing import Literal as TypingLiteral

from dualuse.engine.datalog.citation import Citation as Citation
from pydantic import BaseModel, ConfigDict, Field

Value = str | int
"""A constant: a string or an integer (money in yuan, dates as YYYYMMDD)."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Location(BaseModel):
    """Where something was written."""

    model_config = _FROZEN
    file: str = "<input>"
    line: int = 0
    column: int = 0

    def text(self) -> str:
        """Return ``file:line:column``."""
        return f"{self.file}:{self.line}:{self.column}"


class Var(BaseModel):
    """A variable; ``_`` is the anonymous variable."""

    model_config = _FROZEN
    kind: TypingLiteral["var"] = "var"
    name: str

    def text(self) -> str:
        """Return the variable as written."""
        return self.name


class Const(BaseModel):
    """A constant string or integer."""

    model_config = _FROZEN
    kind: TypingLiteral["const"] = "const"
    value: Value

    def text(self) -> str:
        """Return the constant as written in a rule file."""
        return value_text(self.value)


def value_text(value: Value) -> str:
    """A value as written in a rule file: strings quoted and escaped, integers as they are."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return str(value)


class BinOp(BaseModel):
    """Integer arithmetic on two terms."""

    model_config = _FROZEN
    kind: TypingLiteral["binop"] = "binop"
    op: TypingLiteral["+", "-", "*", "/", "%"]
    left: Term
    right: Term

    def text(self) -> str:
        """Return the expression as written, with parentheses where precedence needs them."""
        return f"{self._side(self.left, False)} {self.op} {self._side(self.right, True)}"

    def _side(self, term: Term, right: bool) -> str:
        if not isinstance(term, BinOp):
            return term.text()
        mine, theirs = _PRECEDENCE[self.op], _PRECEDENCE[term.op]
        if theirs < mine or (right and theirs == mine):
            return f"({term.text()})"
        return term.text()


Term = Var | Const | BinOp

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2}


def term_vars(term: Term) -> set[str]:
    """Return the names of the named variables in a term (not ``_``)."""
    if isinstance(term, Var):
        return set() if term.name == "_" else {term.name}
    if isinstance(term, BinOp):
        return term_vars(term.left) | term_vars(term.right)
    return set()


class Atom(BaseModel):
    """``pred(args)``, or ``not pred(args)`` in a body."""

    model_config = _FROZEN
    kind: TypingLiteral["atom"] = "atom"
    pred: str
    args: tuple[Term, ...] = ()
    negated: bool = False
    loc: Location = Field(default_factory=Location, repr=False)

    @property
    def arity(self) -> int:
        """The number of arguments."""
        return len(self.args)

    def vars(self) -> set[str]:
        """Named variables of the atom."""
        out: set[str] = set()
        for a in self.args:
            out |= term_vars(a)
        return out

    def text(self) -> str:
        """Return the atom as written."""
        inner = f"{self.pred}({', '.join(a.text() for a in self.args)})" if self.args else self.pred
        return f"not {inner}" if self.negated else inner


class Comparison(BaseModel):
    """``left op right`` between terms; ``=`` may bind a variable."""

    model_config = _FROZEN
    kind: TypingLiteral["cmp"] = "cmp"
    op: TypingLiteral["=", "!=", "<", "<=", ">", ">="]
    left: Term
    right: Term
    loc: Location = Field(default_factory=Location, repr=False)

    def vars(self) -> set[str]:
        """Named variables on both sides."""
        return term_vars(self.left) | term_vars(self.right)

    def text(self) -> str:
        """Return the comparison as written."""
        return f"{self.left.text()} {self.op} {self.right.text()}"


BodyLiteral = Atom | Comparison


class Quote(BaseModel):
    """The words of the law, with where they were taken from."""

    model_config = _FROZEN
    zh: str = ""
    en: str = ""
    source: str = ""


class Interpretation(BaseModel):
    """A reading the rule adopts, with who holds it and how sure it is."""

    model_config = _FROZEN
    by: str
    confidence: str = ""
    reading: str = ""


class InForce(BaseModel):
    """Dates a rule or row is in force; ``until`` is inclusive and may be open."""

    model_config = _FROZEN
    start: date = Field(alias="from")
    until: date | None = None

    def covers(self, day: date) -> bool:
        """True when ``day`` falls inside the interval."""
        return self.start <= day and (self.until is None or day <= self.until)

    def text(self) -> str:
        """Return ``from X`` or ``from X until Y``."""
        return f"from {self.start.isoformat()}" + (
            f" until {self.until.isoformat()}" if self.until else ""
        )


class RuleMeta(BaseModel):
    """The law a rule carries: id, citation, dates, quoted text, sentence, interpretation."""

    model_config = _FROZEN
    id: str | None = None
    cites: Citation | None = None
    in_force: InForce | None = None
    quote: Quote | None = None
    says: str | None = None
    interpretation: Interpretation | None = None
    note: str | None = None
    asks: str | None = None
    denies: str | None = None
    """The negative sentence (``@denies``), when "is" -> "is not" does not read well."""
    article: str | None = None
    """The id of the article the rule formalises (``@article``): its citation, dates and quote
    are the rule's unless the rule narrows them."""


class Clause(BaseModel):
    """A rule ``head :- body.`` or a fact ``head.``."""

    model_config = _FROZEN
    head: Atom
    body: tuple[BodyLiteral, ...] = ()
    meta: RuleMeta = Field(default_factory=RuleMeta)
    loc: Location = Field(default_factory=Location)

    @property
    def is_fact(self) -> bool:
        """True for a clause with no body."""
        return not self.body

    def text(self) -> str:
        """Return the clause as written."""
        if not self.body:
            return self.head.text() + "."
        return f"{self.head.text()} :- {', '.join(b.text() for b in self.body)}."


class Declaration(BaseModel):
    """``.table``, ``.input`` or ``.decl``: a predicate whose facts are not derived by rules."""

    model_config = _FROZEN
    kind: TypingLiteral["table", "input", "decl"]
    pred: str
    columns: tuple[str, ...] = ()
    source: str | None = None
    meta: RuleMeta = Field(default_factory=RuleMeta)
    loc: Location = Field(default_factory=Location)

    @property
    def arity(self) -> int:
        """The number of arguments."""
        return len(self.columns)


class Article(BaseModel):
    """``.article "id"``: a provision of the law, its citation, dates and text, stated once.

    The rules that formalise it point to it with ``@article("id")`` and inherit its citation,
    dates and quote; a rule may narrow them (a paragraph of the article, a later start).
    """

    model_config = _FROZEN
    id: str
    meta: RuleMeta = Field(default_factory=RuleMeta)
    loc: Location = Field(default_factory=Location)


class Program(BaseModel):
    """A parsed program: clauses, declarations and articles, in file order."""

    model_config = _FROZEN
    clauses: tuple[Clause, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    articles: tuple[Article, ...] = ()

    def merged(self, other: Program) -> Program:
        """Return this program followed by ``other``."""
        return Program(
            clauses=self.clauses + other.clauses,
            declarations=self.declarations + other.declarations,
            articles=self.articles + other.articles,
        )
