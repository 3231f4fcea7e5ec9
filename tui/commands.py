"""Command palette providers: the law, example questions, and the case's actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from dualuse.engine import RuleInfo
from dualuse.tui.examples import EXAMPLES
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from dualuse.tui.app import ChatApp


class _ChatProvider(Provider):
    @property
    def chat(self) -> ChatApp:
        return self.app  # type: ignore[return-value]

    def _rules(self) -> list[RuleInfo]:
        session = self.chat.session
        return session.rules() if session is not None else []


def words_found(query: str, haystack: str) -> float:
    """How well ``query`` finds ``haystack``: 0 unless every word of the query occurs in it.

    Textual's fuzzy matcher tries every way of spreading the query's letters over the candidate,
    which takes minutes for a sentence-long query over an article's words; a word search is what
    a reader looking up the law expects, and it is linear.

    Args:
        query: What was typed.
        haystack: The text searched (citation, instrument, the article's words).

    Returns:
        0 when a word is missing, else a score that favours words found early.
    """
    text = haystack.casefold()
    words = query.casefold().split()
    if not words:
        return 0.0
    positions = [text.find(word) for word in words]
    if min(positions) < 0:
        return 0.0
    return len(words) + 1.0 / (1 + sum(positions))


class RulesProvider(_ChatProvider):
    """Find the law by citation, instrument or the article's words, and show the article."""

    def _articles(self) -> dict[str, list[RuleInfo]]:
        out: dict[str, list[RuleInfo]] = {}
        for rule in self._rules():
            out.setdefault(rule.article_citation or rule.citation, []).append(rule)
        return out

    async def search(self, query: str) -> Hits:
        """Articles whose citation, instrument, words or rule ids contain every word typed."""
        matcher = self.matcher(query)
        for citation, rules in self._articles().items():
            first = rules[0]
            haystack = " ".join(
                [citation, first.instrument, first.quote_en, first.quote_zh]
                + [f"{rule.citation} {rule.id}" for rule in rules]
            )
            score = words_found(query, haystack)
            if score > 0:
                title = f"The law: {citation}"
                yield Hit(
                    score,
                    matcher.highlight(title) if len(query) <= len(title) else title,
                    partial(self.chat.show_rules, title, rules),
                    help=_shorten(first.quote_en or first.instrument),
                )


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


class ExamplesProvider(_ChatProvider):
    """Ask one of the example questions."""

    async def discover(self) -> Hits:
        """Every example."""
        for question, what in EXAMPLES:
            yield DiscoveryHit(f"Ask: {question}", partial(self.chat.ask, question), help=what)

    async def search(self, query: str) -> Hits:
        """Examples that match."""
        matcher = self.matcher(query)
        for question, what in EXAMPLES:
            text = f"Ask: {question}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), partial(self.chat.ask, question), help=what
                )


class CaseProvider(_ChatProvider):
    """Export, history, help, new case."""

    def _commands(self) -> list[tuple[str, str, str]]:
        return [
            ("Export the case as Markdown", "export_markdown", "with the proof and the audit"),
            ("Export the case as JSON", "export_json", "with the proof and the audit"),
            ("Cases of this session", "history", "reopen an earlier case"),
            ("Help and example questions", "help", "F1"),
            ("New case", "new_case", "forget the current case"),
        ]

    async def discover(self) -> Hits:
        """Every command."""
        for text, action, help_text in self._commands():
            yield DiscoveryHit(text, partial(self.chat.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands that match."""
        matcher = self.matcher(query)
        for text, action, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.chat.run_action, action),
                    help=help_text,
                )
