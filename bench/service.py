"""A bounded load test of ``dualuse serve`` on loopback: throughput, p50/p99, reload under load.

``python -m bench.service`` (about 3 minutes on 2 cores) starts ``dualuse serve --workers 2`` on a
free port of 127.0.0.1, sends a fixed number of requests from 32 concurrent clients and stops by
itself. It measures:

- single decisions (``POST /v1/decisions``) with and without ``explain``: requests per second and
  p50/p99 latency as the clients see it;
- the batch endpoint (``POST /v1/decisions/batch``, the ledger split in one request per worker)
  against ``dualuse batch --workers 2`` on the same ledger, rows per second;
- reload under load: while the clients run, ``POST /admin/reload`` replaces the workers one by
  one (as ``SIGHUP`` to the parent does); every request must still succeed.

The clients run in this process (asyncio, httpx) on the same 2 cores as the server: the figures
include their cost. Results go to ``bench/results/service.json``; ``--requests N`` sets the
requests per mode (default 2,000), ``--rows N`` the batch ledger (default 2,000).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench import ledger, machine

CLIENTS = 32
WORKERS = 2
KEY = "bench-key"
RESULTS = Path(__file__).resolve().parent / "results" / "service.json"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(workers: int, *extra: str) -> Iterator[str]:
    """``dualuse serve`` on a free loopback port, with an API key (admin reload needs one)."""
    port = _port()
    env = {**os.environ, "DUALUSE_API_KEYS": KEY}
    command = [sys.executable, "-c", "from dualuse.cli.main import main; main()", "serve"]
    command += ["--port", str(port), "--workers", str(workers), *extra]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        time.sleep(2.0)  # every worker loaded, not only the first to answer
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _load(
    url: str,
    transfers: list[dict[str, Any]],
    requests: int,
    explain: bool,
    reload_at: int = -1,
    clients: int = CLIENTS,
) -> dict[str, Any]:
    """``requests`` single decisions from ``clients`` clients; optionally a reload midway."""
    bodies = [json.dumps(t).encode() for t in transfers]
    latencies: list[float] = []
    failures: list[str] = []
    counter = iter(range(requests))
    headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
    params = {"explain": "true" if explain else "false"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    reloads: list[str] = []
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:

        async def client() -> None:
            for n in counter:
                if n == reload_at:
                    answer = await http.post("/admin/reload", headers=headers)
                    reloads.append(f"{answer.status_code} {answer.json().get('status')}")
                start = time.perf_counter()
                try:
                    answer = await http.post(
                        "/v1/decisions",
                        content=bodies[n % len(bodies)],
                        params=params,
                        headers=headers,
                    )
                    if answer.status_code != 200:
                        failures.append(f"{answer.status_code}: {answer.text[:120]}")
                except httpx.HTTPError as exc:
                    failures.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - began
    return {
        "requests": requests,
        "clients": clients,
        "explain": explain,
        "seconds": wall,
        "per_second": requests / wall,
        "p50_ms": machine.percentile(latencies, 50) * 1000,
        "p99_ms": machine.percentile(latencies, 99) * 1000,
        "failures": len(failures),
        "failure_samples": failures[:5],
        "reloads": reloads,
    }


async def _batch(url: str, lines: list[bytes], parts: int) -> dict[str, Any]:
    """The ledger through the batch endpoint, split in ``parts`` concurrent requests."""
    size = -(-len(lines) // parts)
    headers = {"Authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(base_url=url, timeout=600) as http:

        async def one(chunk: list[bytes]) -> int:
            count = 0
            async with http.stream(
                "POST", "/v1/decisions/batch", content=b"".join(chunk), headers=headers
            ) as answer:
                async for line in answer.aiter_lines():
                    count += bool(line) and '"decision_id"' in line
            return count

        began = time.perf_counter()
        done = await asyncio.gather(*(one(lines[i : i + size]) for i in range(0, len(lines), size)))
        wall = time.perf_counter() - began
    return {
        "rows": len(lines),
        "requests": parts,
        "seconds": wall,
        "per_second": len(lines) / wall,
        "decided": sum(done),
    }


def _cli_batch(path: Path, workers: int) -> dict[str, Any]:
    """``dualuse batch`` on the same ledger (process start and engine loads included)."""
    out = path.with_suffix(".out.jsonl")
    command = [sys.executable, "-c", "from dualuse.cli.main import main; main()", "batch"]
    command += [str(path), "--out", str(out), "--workers", str(workers)]
    began = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    wall = time.perf_counter() - began
    rows = sum(1 for _ in out.open(encoding="utf-8"))
    return {"rows": rows, "workers": workers, "seconds": wall, "per_second": rows / wall}


def _in_process(transfers: list[dict[str, Any]], explain: bool) -> dict[str, Any]:
    """``Engine.decide`` on the same transfers in this process, one thread: the reference."""
    from dualuse.engine import Engine, Transfer

    engine = Engine()
    for transfer in transfers[:100]:
        engine.decide(Transfer.model_validate(transfer), explain=explain)
    times = []
    cpu = time.process_time()
    began = time.perf_counter()
    for transfer in transfers:
        start = time.perf_counter()
        engine.decide(Transfer.model_validate(transfer), explain=explain).model_dump_json()
        times.append(time.perf_counter() - start)
    wall = time.perf_counter() - began
    return {
        "explain": explain,
        "per_second": len(transfers) / wall,
        "cpu_share": (time.process_time() - cpu) / wall,
        "p50_ms": machine.percentile(times, 50) * 1000,
        "p99_ms": machine.percentile(times, 99) * 1000,
    }


def run(requests: int, rows: int, threads: int | None = None) -> dict[str, Any]:
    """Every measurement; the figures as a dict."""
    transfers = ledger.generate(500)
    batch_rows = ledger.generate(rows, seed=ledger.SEED + 1)
    lines = [(json.dumps(t, ensure_ascii=False) + "\n").encode() for t in batch_rows]
    results: dict[str, Any] = {"machine": machine.describe(), "load_before": machine.load()}
    results["in_process"] = _in_process(transfers, True)
    print("in process", results["in_process"], file=sys.stderr)
    extra = ("--threads", str(threads)) if threads else ()
    results["threads"] = threads
    with serving(WORKERS, *extra) as url:
        asyncio.run(_load(url, transfers, 200, True))  # warm every worker's programs
        results["explained_one_client"] = asyncio.run(
            _load(url, transfers, requests // 4, True, clients=1)
        )
        print("explained, 1 client", _line(results["explained_one_client"]), file=sys.stderr)
        results["explained"] = asyncio.run(_load(url, transfers, requests, True))
        print("explained", _line(results["explained"]), file=sys.stderr)
        results["screening"] = asyncio.run(_load(url, transfers, requests, False))
        print("screening", _line(results["screening"]), file=sys.stderr)
        results["batch_endpoint"] = asyncio.run(_batch(url, lines, WORKERS))
        print("batch endpoint", results["batch_endpoint"], file=sys.stderr)
        results["reload_under_load"] = asyncio.run(
            _load(url, transfers, requests, True, reload_at=requests // 4)
        )
        print("reload", _line(results["reload_under_load"]), file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.jsonl"
        path.write_bytes(b"".join(lines))
        results["cli_batch"] = _cli_batch(path, WORKERS)
        print("cli batch", results["cli_batch"], file=sys.stderr)
    results["load_after"] = machine.load()
    results["batch_ratio"] = (
        results["batch_endpoint"]["per_second"] / results["cli_batch"]["per_second"]
    )
    return results


def _line(r: dict[str, Any]) -> str:
    return (
        f"{r['per_second']:.0f}/s p50 {r['p50_ms']:.1f} ms p99 {r['p99_ms']:.1f} ms, "
        f"{r['failures']} failed"
    )


def markdown(r: dict[str, Any]) -> str:
    """The figures as the table of ``bench/README.md``."""
    rows = [
        "| measurement | figure | target | met |",
        "| --- | --- | --- | --- |",
    ]
    e, s, b, c, x = (
        r[k] for k in ("explained", "screening", "batch_endpoint", "cli_batch", "reload_under_load")
    )
    rows.append(
        f"| single decision, explained, {CLIENTS} clients | {_line(e)} | p99 < 50 ms | "
        f"{'yes' if e['p99_ms'] < 50 else 'no'} |"
    )
    rows.append(f"| single decision, explain=false, {CLIENTS} clients | {_line(s)} | | |")
    one = r["explained_one_client"]
    rows.append(f"| single decision, explained, 1 client | {_line(one)} | | |")
    ref = r["in_process"]
    rows.append(
        f"| reference: `Engine.decide` in process, explained, 1 thread | {ref['per_second']:.0f}/s"
        f" p50 {ref['p50_ms']:.1f} ms p99 {ref['p99_ms']:.1f} ms (CPU share "
        f"{ref['cpu_share']:.0%}) | | |"
    )
    rows.append(
        f"| batch endpoint, {b['rows']:,} rows in {b['requests']} requests | "
        f"{b['per_second']:.0f} rows/s | >= 80% of dualuse batch | "
        f"{'yes' if r['batch_ratio'] >= 0.8 else 'no'} ({r['batch_ratio']:.0%}) |"
    )
    rows.append(
        f"| dualuse batch --workers {c['workers']}, same ledger | "
        f"{c['per_second']:.0f} rows/s ({c['seconds']:.1f} s) | | |"
    )
    rows.append(
        f"| reload under load ({', '.join(x['reloads'])}) | {_line(x)} | no failed request "
        f"| {'yes' if x['failures'] == 0 else 'no'} |"
    )
    load = ", ".join(f"{v:.2f}" for v in r["load_before"])
    rows.append(f"\nLoad average before the run: {load} (1, 5, 15 min).")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Run, print the table, write the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.service", description=__doc__)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--threads", type=int, default=None, help="dualuse serve --threads")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = run(args.requests, args.rows, args.threads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
