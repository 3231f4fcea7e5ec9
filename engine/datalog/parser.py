"""Parse rule files into typed models with a lark LALR grammar; no text is ever executed.

>>> program = parse_text('p(X) :- q(X), not r(X).')
>>> program.clauses[0].text()
'p(X) :- q(X), not r(X).'
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import lark
from dualuse.engine.datalog.syntax import (
    Article,
    Atom,
    BinOp,
    Citation,
    Clause,
    Comparison,
    Const,
    Declaration,
    InForce,
    Interpretation,
    Location,
    Program,
    Quote,
    RuleMeta,
    Term,
    Var,
)
from dualuse.engine.errors import RuleCheckError, RuleSyntaxError
from lark import Token, Transformer, v_args
from pydantic import BaseModel, ValidationError

ANNOTATIONS: dict[str, tuple[str, ...]] = {
    "id": (),
    "says": (),
    "note": (),
    "asks": (),
    "denies": (),
    "article": (),
    "cites": ("instrument", "article", "paragraph", "item"),
    "in_force": ("from", "until"),
    "quote": ("zh", "en", "source"),
    "interpretation": ("by", "confidence", "reading"),
}
"""Known annotations and their keyword arguments (an empty tuple: one positional string)."""

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

_TOKEN_NAMES = {
    "NAME": "a name",
    "STRING": "a quoted string",
    "INT": "an integer",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "DOT": "'.'",
    "__ANON_0": "':-'",
    "IF": "':-'",
    "CMP": "a comparison",
    "NOT": "'not'",
    "AT": "'@'",
    "EQUAL": "'='",
    "ADDOP": "'+' or '-'",
    "MULOP": "'*', '/' or '%'",
    "COLON": "':'",
    "BANG": "'!'",
    "$END": "end of file",
}


@cache
def _parser() -> lark.Lark:
    grammar = (Path(__file__).parent / "datalog.lark").read_text("utf-8")
    return lark.Lark(
        grammar, parser="lalr", start=["start", "single"], propagate_positions=True, cache=False
    )


def _unquote(token: str) -> str:
    body = token[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


class _Annotation:
    __slots__ = ("args", "kwargs", "loc", "name")

    def __init__(self, name: str, args: list[str], kwargs: dict[str, str], loc: Location) -> None:
        self.name, self.args, self.kwargs, self.loc = name, args, kwargs, loc


class _ToModels(Transformer[Token, Any]):
    """Turn the lark tree into models; positions come from the tokens."""

    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def _loc(self, meta: Any) -> Location:
        line = getattr(meta, "line", 0) or 0
        column = getattr(meta, "column", 0) or 0
        return Location(file=self.file, line=line, column=column)

    @v_args(meta=True)
    def annotation(self, meta: Any, children: list[Any]) -> _Annotation:
        name = str(children[0])
        args: list[str] = []
        kwargs: dict[str, str] = {}
        for child in children[1:]:
            if child is None:
                continue
            kind, key, value = child
            if kind == "pos":
                args.append(value)
            else:
                kwargs[key] = value
        return _Annotation(name, args, kwargs, self._loc(meta))

    def kwarg(self, children: list[Token]) -> tuple[str, str, str]:
        return ("kw", str(children[0]), _unquote(str(children[1])))

    def posarg(self, children: list[Token]) -> tuple[str, str, str]:
        return ("pos", "", _unquote(str(children[0])))

    def var(self, children: list[Token]) -> Var:
        return Var(name=str(children[0]))

    def int(self, children: list[Token]) -> Const:
        return Const(value=int(children[0]))

    def string(self, children: list[Token]) -> Const:
        return Const(value=_unquote(str(children[0])))

    def unary(self, children: list[Any]) -> Term:
        op, operand = str(children[0]), children[1]
        if op == "+":
            return operand  # type: ignore[no-any-return]
        if isinstance(operand, Const) and isinstance(operand.value, int):
            return Const(value=-operand.value)
        return BinOp(op="-", left=Const(value=0), right=operand)

    def binop(self, children: list[Any]) -> BinOp:
        return BinOp(op=str(children[1]), left=children[0], right=children[2])

    @v_args(meta=True)
    def atom(self, meta: Any, children: list[Any]) -> Atom:
        args = tuple(c for c in children[1:] if c is not None)
        return Atom(pred=str(children[0]), args=args, loc=self._loc(meta))

    def negated(self, children: list[Any]) -> Atom:
        atom: Atom = children[-1]
        return atom.model_copy(update={"negated": True})

    negated_bang = negated

    @v_args(meta=True)
    def comparison(self, meta: Any, children: list[Any]) -> Comparison:
        return Comparison(
            op=str(children[1]),
            left=children[0],
            right=children[2],
            loc=self._loc(meta),
        )

    def head(self, children: list[Any]) -> Atom:
        return children[0]  # type: ignore[no-any-return]

    def body(self, children: list[Any]) -> tuple[Any, ...]:
        return tuple(children)

    @v_args(meta=True)
    def fact(self, meta: Any, children: list[Any]) -> Clause:
        return Clause(head=children[0], body=(), loc=self._loc(meta))

    @v_args(meta=True)
    def rule(self, meta: Any, children: list[Any]) -> Clause:
        return Clause(head=children[0], body=children[1], loc=self._loc(meta))

    def clause(self, children: list[Any]) -> Clause:
        return children[0]  # type: ignore[no-any-return]

    def decl_arg(self, children: list[Token]) -> str:
        return str(children[0])

    @v_args(meta=True)
    def table_decl(self, meta: Any, children: list[Token]) -> Declaration:
        names = [str(c) for c in children]
        return Declaration(
            kind="table",
            pred=names[0],
            columns=tuple(names[1:-1]),
            source=_unquote(names[-1]),
            loc=self._loc(meta),
        )

    @v_args(meta=True)
    def input_decl(self, meta: Any, children: list[Any]) -> Declaration:
        names = [str(c) for c in children if c is not None]
        return Declaration(
            kind="input", pred=names[0], columns=tuple(names[1:]), loc=self._loc(meta)
        )

    @v_args(meta=True)
    def decl(self, meta: Any, children: list[Any]) -> Declaration:
        names = [str(c) for c in children if c is not None]
        return Declaration(
            kind="decl", pred=names[0], columns=tuple(names[1:]), loc=self._loc(meta)
        )

    @v_args(meta=True)
    def article(self, meta: Any, children: list[Token]) -> Article:
        return Article(id=_unquote(str(children[0])), loc=self._loc(meta))

    def item(self, children: list[Any]) -> Clause | Declaration | Article:
        *annotations, target = children
        meta = _meta(annotations)
        return target.model_copy(update={"meta": meta})  # type: ignore[no-any-return]

    def single(self, children: list[Any]) -> Clause:
        return self.item(children)  # type: ignore[return-value]

    def start(self, children: list[Any]) -> Program:
        clauses = tuple(c for c in children if isinstance(c, Clause))
        decls = tuple(c for c in children if isinstance(c, Declaration))
        articles = tuple(c for c in children if isinstance(c, Article))
        return Program(clauses=clauses, declarations=decls, articles=articles)


def _parse_date(value: str, ann: _Annotation, key: str) -> date:
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise RuleCheckError(
            "invalid_annotation",
            f"@{ann.name}({key}=...) expects a date YYYY-MM-DD, got {value!r}",
            file=ann.loc.file,
            line=ann.loc.line,
            column=ann.loc.column,
        ) from None


def _meta(annotations: list[_Annotation]) -> RuleMeta:
    fields: dict[str, Any] = {}
    for ann in annotations:
        where: dict[str, Any] = {
            "file": ann.loc.file,
            "line": ann.loc.line,
            "column": ann.loc.column,
        }
        if ann.name not in ANNOTATIONS:
            known = ", ".join(f"@{n}" for n in ANNOTATIONS)
            raise RuleCheckError(
                "unknown_annotation", f"unknown annotation @{ann.name}; known: {known}", **where
            )
        if ann.name in fields:
            raise RuleCheckError("duplicate_annotation", f"@{ann.name} is given twice", **where)
        keys = ANNOTATIONS[ann.name]
        if not keys:
            if len(ann.args) != 1 or ann.kwargs:
                raise RuleCheckError(
                    "invalid_annotation", f"@{ann.name} takes one quoted string", **where
                )
            fields[ann.name] = ann.args[0]
            continue
        unknown = set(ann.kwargs) - set(keys)
        if ann.args or unknown:
            raise RuleCheckError(
                "invalid_annotation",
                f"@{ann.name} takes keyword arguments {', '.join(keys)}"
                + (f"; unknown: {', '.join(sorted(unknown))}" if unknown else ""),
                **where,
            )
        kwargs: dict[str, Any] = dict(ann.kwargs)
        if ann.name == "in_force":
            if "from" not in kwargs:
                raise RuleCheckError("invalid_annotation", "@in_force needs from=", **where)
            kwargs["from"] = _parse_date(kwargs["from"], ann, "from")
            if "until" in kwargs:
                kwargs["until"] = _parse_date(kwargs["until"], ann, "until")
        models: dict[str, type[BaseModel]] = {
            "cites": Citation,
            "in_force": InForce,
            "quote": Quote,
            "interpretation": Interpretation,
        }
        model = models[ann.name]
        try:
            fields[ann.name] = model.model_validate(kwargs)
        except ValidationError as exc:
            missing = ", ".join(str(e["loc"][0]) for e in exc.errors())
            raise RuleCheckError(
                "invalid_annotation", f"@{ann.name} is missing or has a bad {missing}", **where
            ) from None
    return RuleMeta(**fields)


def _syntax_error(exc: lark.exceptions.LarkError, text: str, file: str) -> RuleSyntaxError:
    line = getattr(exc, "line", None)
    column = getattr(exc, "column", None)
    if isinstance(exc, lark.exceptions.UnexpectedToken):
        expected = sorted({_TOKEN_NAMES.get(t, repr(t)) for t in exc.expected})
        got = "end of file" if exc.token.type == "$END" else repr(str(exc.token))
        message = f"unexpected {got}; expected {' or '.join(expected[:6])}"
    elif isinstance(exc, lark.exceptions.UnexpectedCharacters):
        message = f"unexpected character {exc.char!r}"
        if exc.allowed:
            expected = sorted({_TOKEN_NAMES.get(t, repr(t)) for t in exc.allowed})
            message += f"; expected {' or '.join(expected[:6])}"
    elif isinstance(exc, lark.exceptions.UnexpectedEOF):
        message = "unexpected end of file"
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    else:
        message = str(exc).splitlines()[0]
    return RuleSyntaxError(message, file=file, line=line, column=column)


def parse_text(text: str, file: str = "<input>") -> Program:
    """Parse a whole rule file.

    Raises:
        RuleSyntaxError: the text does not follow the grammar (with line, column, expected).
        RuleCheckError: an annotation is unknown or malformed.
    """
    try:
        tree = _parser().parse(text, start="start")
    except lark.exceptions.UnexpectedInput as exc:
        raise _syntax_error(exc, text, file) from None
    except lark.exceptions.VisitError as exc:  # pragma: no cover - re-raised below
        raise exc.orig_exc from None
    try:
        program: Program = _ToModels(file).transform(tree)
    except lark.exceptions.VisitError as exc:
        raise exc.orig_exc from None
    return program


def parse_clause(text: str, file: str = "<input>") -> Clause:
    """Parse one clause; the final period is optional (the peer suite's convention)."""
    try:
        tree = _parser().parse(text, start="single")
    except lark.exceptions.UnexpectedInput as exc:
        raise _syntax_error(exc, text, file) from None
    try:
        clause: Clause = _ToModels(file).transform(tree)
    except lark.exceptions.VisitError as exc:
        raise exc.orig_exc from None
    return clause


def parse_file(path: Path, display: str | None = None) -> Program:
    """Parse the rule file at ``path``; errors name ``display`` (default: the path)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleSyntaxError(f"not UTF-8 text ({exc.reason})", file=name) from None
    return parse_text(text, name)
