"""Graph algorithms over a program: its dependency graph, strongly connected components, reach.

>>> from dualuse.engine.datalog.parser import parse_text
>>> graph = dependency_graph(parse_text('p(X) :- q(X), not r(X). r(X) :- p(X), s(X).'))
>>> strongly_connected(graph)
[['q'], ['s'], ['p', 'r']]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from dualuse.engine.datalog.syntax import Atom, Program

Graph = dict[str, set[tuple[str, bool]]]
"""Derived predicate -> the predicates its bodies use, each with a negation flag."""


def dependency_graph(program: Program) -> Graph:
    """Map each derived predicate to the predicates its bodies use, with a negation flag."""
    graph: Graph = defaultdict(set)
    for clause in program.clauses:
        graph[clause.head.pred]
        for lit in clause.body:
            if isinstance(lit, Atom):
                graph[clause.head.pred].add((lit.pred, lit.negated))
    return graph


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's SCCs in dependency order (a component comes after what it uses)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    nodes = set(graph) | {p for deps in graph.values() for p, _ in deps}

    def strong(v: str) -> None:
        nonlocal counter
        work = [(v, iter(sorted(graph.get(v, ()))))]
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, it = work[-1]
            advanced = False
            for w, _neg in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    advanced = True
                    break
                if w in on_stack:
                    low[node] = min(low[node], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                out.append(sorted(component))

    for v in sorted(nodes):
        if v not in index:
            strong(v)
    return out


def closure(start: Iterable[str], neighbours: Callable[[str], Iterable[str]]) -> frozenset[str]:
    """``start`` and everything reachable from it through ``neighbours``."""
    seen = set(start)
    stack = list(seen)
    while stack:
        for other in neighbours(stack.pop()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return frozenset(seen)
