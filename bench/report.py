"""The figures as Markdown tables, the targets judged, and the README's figures section.

>>> fmt(1234.5), fmt(0.01234), fmt(None)
('1,234', '0.0123', '–')
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

START = "<!-- figures:start -->"
END = "<!-- figures:end -->"


def fmt(value: float | None) -> str:
    """A number rounded for a table, thousands separated."""
    if value is None or value != value:  # None or NaN
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _batch(
    results: dict[str, Any], rows: int, explain: bool, workers: int
) -> dict[str, Any] | None:
    for run in results.get("batch", {}).get("runs", []):
        if (run["rows"], run["explain"], run["workers"]) == (rows, explain, workers):
            found: dict[str, Any] = run
            return found
    return None


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{fmt(value)} MB"


def _cpu(run: dict[str, Any]) -> str:
    cpu, wall = run.get("cpu_s"), run.get("measured_seconds")
    return fmt(cpu / wall) if cpu is not None and wall else "–"


def _seconds(run: dict[str, Any] | None) -> str:
    if run is None:
        return "not run"
    if run["seconds"] is None:
        return "no row written before the cap"
    mark = "" if run["complete"] else " (projected)"
    return f"{fmt(run['seconds'])} s{mark}"


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured figure and whether it is met (``None``: not measured)."""
    out: list[dict[str, Any]] = []
    dec = results.get("decisions", {})
    known, unknown = dec.get("known"), dec.get("unknown")
    if known and unknown:
        p95 = (known["explain"]["p95_ms"], unknown["explain"]["p95_ms"])
        out.append(
            {
                "target": "decision with proof, p95 ≤ 20 ms",
                "measured": f"{fmt(p95[0])} ms all-known; {fmt(p95[1])} ms with unknowns",
                "met": max(p95) <= 20,
            }
        )
        ratio = (known["proof_overhead"], unknown["proof_overhead"])
        measured = f"{fmt(ratio[0])}× all-known; {fmt(ratio[1])}× with unknowns"
        read = (known.get("proof_overhead_resolved"), unknown.get("proof_overhead_resolved"))
        if read[0] and read[1]:
            measured += (
                f"; with why-not, what would change and the audit read too: "
                f"{fmt(read[0])}× and {fmt(read[1])}×"
            )
        evaluation = (known.get("evaluation_provenance"), unknown.get("evaluation_provenance"))
        if evaluation[0] and evaluation[1]:
            measured += (
                f" (the evaluation alone, with provenance over without, as Soufflé measures: "
                f"{fmt(evaluation[0]['ratio'])}× and {fmt(evaluation[1]['ratio'])}×)"
            )
        out.append(
            {
                "target": "proof overhead ≤ 1.3× (decision with proofs over without)",
                "measured": measured,
                "met": max(ratio) <= 1.3,
            }
        )
    run = _batch(results, 10_000, True, 2)
    out.append(
        {
            "target": "10,000 rows with proofs ≤ 30 s, 2 workers",
            "measured": _seconds(run),
            "met": None if run is None else run["seconds"] is not None and run["seconds"] <= 30,
        }
    )
    big = _batch(results, 100_000, True, 2)
    if big is not None:
        bounded = results.get("batch", {}).get("memory_bounded")
        out.append(
            {
                "target": "100,000 rows ≤ 5 min, memory bounded",
                "measured": f"{_seconds(big)}; peak RSS {fmt(big['peak_rss_tree_mb'])} MB "
                f"(all processes)",
                "met": big["seconds"] is not None and big["seconds"] <= 300 and bool(bounded),
            }
        )
    else:
        ten = _batch(results, 10_000, True, 2)
        guess = (
            f"~{fmt(ten['seconds'] * 10)} s by scaling the 10,000-row time; "
            if ten and ten["seconds"] is not None
            else ""
        )
        out.append(
            {
                "target": "100,000 rows ≤ 5 min, memory bounded",
                "measured": f"{guess}not run (`--full`)",
                "met": None,
            }
        )
    chat = results.get("chat", {}).get("cold", {})
    out.append(
        {
            "target": "chat first prompt ≤ 1.5 s (process start → prompt)",
            "measured": f"{fmt(chat['cold_prompt_ms'])} ms" if chat.get("available") else "not run",
            "met": chat["cold_prompt_ms"] <= 1500 if chat.get("available") else None,
        }
    )
    return out


def _status(met: bool | None) -> str:
    return "not measured" if met is None else ("met" if met else "**not met**")


def markdown(results: dict[str, Any]) -> str:
    """Every table of the results."""
    meta = results["meta"]
    machine = meta["machine"]
    lines = [
        f"Measured {meta['when']} on {machine['cores']} cores ({machine['cpu']}), "
        f"{machine['memory']} RAM, {machine['os']}, Python {machine['python']}; commit "
        f"`{meta['commit']}`{' with uncommitted changes' if meta['uncommitted_changes'] else ''}; "
        f"mode `{meta['mode']}`, seed {meta['seed']}, {meta['seconds']:.0f} s in all.",
        "",
    ]
    loads = meta.get("load_average", {})
    # The batches' own workers raise the load during and just after them: judge the machine by
    # the load before any batch ran.
    before = [v for k, v in loads.items() if k in ("start", "after_decisions") and v]
    peak = max((v[0] for v in before), default=0.0)
    if loads:
        names = {
            "after_decisions": "after the single decisions",
            "after_batch": "after the batches",
        }
        lines += [
            "Load average (1 min): "
            + ", ".join(f"{names.get(k, k)} {fmt(v[0])}" for k, v in loads.items() if v)
            + (
                f". **The machine was shared**: a load above {machine['cores'] / 2:g} on "
                f"{machine['cores']} cores before the batches means other processes took CPU "
                "time, so the figures are slower than on an idle machine (the CPU share columns "
                "show by how much)."
                if peak > machine["cores"] / 2
                else ". The machine was otherwise idle before the batches; the load after them "
                "is the batches' own workers."
            ),
            "",
        ]
    lines += ["| target | measured | status |", "| --- | --- | --- |"]
    lines += [
        f"| {t['target']} | {t['measured']} | {_status(t['met'])} |" for t in targets(results)
    ]
    dec = results.get("decisions", {})
    if dec:
        lines += [
            "",
            "Single decisions, in process (`engine.decide`), ms per transfer:",
            "",
            "| transfers | n | rounds | with proofs p50 | p95 | without p50 | p95 "
            "| proof overhead | all read p50 | overhead all read | CPU share |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for key, name in (("known", "all-known"), ("unknown", "with unknowns")):
            d = dec.get(key)
            if d:
                lines.append(
                    f"| {name} | {d['transfers']} | {d['rounds']} | {fmt(d['explain']['p50_ms'])} "
                    f"| {fmt(d['explain']['p95_ms'])} | {fmt(d['no_explain']['p50_ms'])} "
                    f"| {fmt(d['no_explain']['p95_ms'])} | {fmt(d['proof_overhead'])}× "
                    f"| {fmt(d.get('explain_resolved', {}).get('p50_ms'))} "
                    f"| {fmt(d.get('proof_overhead_resolved'))}× "
                    f"| {d.get('cpu_share', float('nan')):.0%} |"
                )
        if "engine_load_s" in dec:
            lines += [
                "",
                f"Engine load {fmt(dec['engine_load_s'] * 1000)} ms; first decision "
                f"{fmt(dec['first_decision_ms'])} ms; warm-up {fmt(dec['warm_up_s'])} s.",
            ]
    cmp_ = results.get("cores", {})
    if cmp_:
        lines += [
            "",
            "The evaluation core compared, same transfers, mean ms per transfer (the engine's "
            "figures from the run above; clingo grounds and solves each transfer in a fresh "
            "`Control`, and in bulk all transfers in one program):",
            "",
            "| transfers | engine with proofs | engine without | plain Python | clingo per "
            "transfer | clingo bulk | engine without / Python | engine without / clingo | "
            "agreement Python | agreement clingo |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for key, name in (("known", "all-known"), ("unknown", "with unknowns")):
            c, d = cmp_.get(key), dec.get(key)
            if c and d:
                engine = d["no_explain"]["mean_ms"]
                python = c["baseline"]["mean_ms"]
                asp = c["clingo_per_transfer"]["mean_ms"]
                lines.append(
                    f"| {name} | {fmt(d['explain']['mean_ms'])} | {fmt(engine)} | {fmt(python)} "
                    f"| {fmt(asp)} | {fmt(c['clingo_bulk_mean_ms'])} | {fmt(engine / python)}× "
                    f"| {fmt(engine / asp)}× | {c['agreement_baseline']:.1%} "
                    f"| {c['agreement_clingo']:.1%} |"
                )
    batch = results.get("batch", {})
    if batch.get("runs"):
        lines += [
            "",
            f"Batch (`dualuse batch`, CSV ledger with {batch['unknown_share']:.0%} of rows with "
            "unknowns, JSON lines out), wall time from process start to exit; peak RSS as "
            "`ru_maxrss` of the largest single process (`wait4`) and as the sampled sum over "
            "all processes (`/proc`):",
            "",
            "| rows | proofs | workers | time | rows/s | peak RSS largest | peak RSS all "
            "processes | CPU s / wall s | runs | note |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for run in batch["runs"]:
            lines.append(
                f"| {run['rows']:,} | {'yes' if run['explain'] else 'no'} | {run['workers']} "
                f"| {_seconds(run)} | {fmt(run['rows_per_s'])} | {_mb(run['peak_rss_largest_mb'])} "
                f"| {_mb(run['peak_rss_tree_mb'])} | {_cpu(run)} | {run.get('runs', 1)} "
                f"| {run.get('note', '')} |"
            )
    chat = results.get("chat", {})
    if chat:
        lines += ["", "Chat:", "", "| measure | ms |", "| --- | --- |"]
        cold = chat.get("cold", {})
        if cold.get("available"):
            lines.append(
                f"| process start → prompt focused (median of {cold['runs']}) "
                f"| {fmt(cold['cold_prompt_ms'])} |"
            )
            lines.append(f"| of which Python start-up and imports | {fmt(cold['imports_ms'])} |")
        for name, row in chat.get("script", {}).get("lines", {}).items():
            lines.append(f"| {name} (`chat_latency.py`, n={row['n']}) | {fmt(row['median_ms'])} |")
        problem = chat.get("script", {}).get("problem")
        if problem:
            lines += ["", f"`chat_latency.py` did not finish: {problem}"]
    return "\n".join(lines)


def profiles_markdown(results: dict[str, Any], top: int = 8) -> str:
    """The profiles: the project's call tree with shares, and the top functions by self time."""
    lines: list[str] = []
    for name, prof in results.get("profiles", {}).items():
        if not prof.get("tree") and not prof.get("self"):
            reason = prof.get("reason", "no samples")
            lines += [f"**{name}**: not profiled ({reason})", ""]
            continue
        lines += [f"**{name}** ({fmt(prof['seconds'])} s profiled), share of wall time:", ""]
        lines.append("```")
        for node in prof.get("tree", []):
            lines.append(f"{'  ' * node['depth']}{node['share']:>5.0%}  {node['function']}")
        lines.append("```")
        lines += [
            "",
            "Self time (any code): "
            + "; ".join(
                f"`{row['function']}` {row['share']:.0%}" for row in prof.get("self", [])[:top]
            ),
            "",
        ]
    return "\n".join(lines)


def update_readme(readme: Path, results: dict[str, Any]) -> bool:
    """Replace the figures section of the README; ``False`` when it has no markers."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return False
    body = markdown(results)
    if results.get("profiles"):
        body += "\n\nProfiles (pyinstrument) of what missed its target:\n\n" + profiles_markdown(
            results
        )
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    readme.write_text(pattern.sub(lambda _: f"{START}\n{body}\n{END}", text), encoding="utf-8")
    return True
