"""Command palette providers: rules, articles, example questions, and the case's actions."""

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


class RulesProvider(_ChatProvider):
    """Find a rule by id, citation or sentence and show its article."""

    async def search(self, query: str) -> Hits:
        """Rules whose id, citation or sentence match."""
        matcher = self.matcher(query)
        for rule in self._rules():
            text = f"Rule {rule.id} — {rule.citation}"
            score = max(matcher.match(text), matcher.match(rule.says))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.chat.show_rules, f"Rule {rule.id}", [rule]),
                    help=rule.says,
                )


class ArticlesProvider(_ChatProvider):
    """Find an article (instrument and article) and show the rules that encode it."""

    def _articles(self) -> dict[str, list[RuleInfo]]:
        out: dict[str, list[RuleInfo]] = {}
        for rule in self._rules():
            if rule.citation:
                out.setdefault(rule.citation, []).append(rule)
        return out

    async def search(self, query: str) -> Hits:
        """Articles whose citation matches."""
        matcher = self.matcher(query)
        for citation, rules in self._articles().items():
            text = f"Article: {citation}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.chat.show_rules, citation, rules),
                    help=f"{len(rules)} rule(s)",
                )


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
