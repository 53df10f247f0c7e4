"""Benchmark, not a test: trendgraph's HTTP server against `oxigraph serve-read-only`
on the same data, side by side in one run.

    .venv/bin/python bench/http.py [--seconds 10] [--concurrency 8]

Both servers get the same two workloads at the same concurrency from the same load
generator (an asyncio httpx client in this process, so both pay the same client cost):

- ``raakt-beide-domeinen`` for wonen and klimaat: trendgraph's saved-query endpoint
  (``/queries/raakt-beide-domeinen.json``) against Oxigraph's ``/query`` with the same
  SPARQL text, the parameters bound the same way;
- a one-resource lookup: ``/id/platform31-2025/...`` as Turtle against Oxigraph with the
  same describe query.

It reports requests per second and p50/p99 latency per server, and the ratio of
trendgraph's throughput to Oxigraph's. Requires a built graph (``make build``) and the
dev extras (``oxigraph`` provides the reference server). Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is called http.py (as asked); keep its folder off sys.path so that it does
# not shadow the standard library's http package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from trendgraph.http_ld import DESCRIBE  # noqa: E402
from trendgraph.querytext import with_values  # noqa: E402
from trendgraph.saved import load_saved  # noqa: E402

import pyoxigraph as ox  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


async def load(url: str, params: dict | None, headers: dict, seconds: float,
               concurrency: int) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        async def worker():
            nonlocal errors
            while time.perf_counter() < stop:
                t = time.perf_counter()
                r = await client.get(url, params=params, headers=headers)
                if r.status_code != 200:
                    errors += 1
                latencies.append(time.perf_counter() - t)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    return len(latencies) / elapsed, latencies, errors


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    nq = ROOT / "dist" / "trendgraph.nq"
    if not nq.exists():
        sys.exit("no dist/trendgraph.nq: run 'make build' first")
    exe = Path(sys.executable).parent
    saved = load_saved(ROOT / "queries")["raakt-beide-domeinen"]
    sparql = saved.prepare({"domein1": "wonen", "domein2": "klimaat"})
    resource = "https://w3id.org/trendgraph/id/platform31-2025/trend/h8-woningtekort"
    describe = with_values(DESCRIBE, {"this": ox.NamedNode(resource)})

    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            ox_dir = Path(tmp) / "oxigraph"
            subprocess.run([str(exe / "oxigraph"), "load", "--location", str(ox_dir),
                            "--file", str(nq)], check=True, capture_output=True)
            ox_port, tg_port = free_port(), free_port()
            procs.append(subprocess.Popen(
                [str(exe / "oxigraph"), "serve-read-only", "--location", str(ox_dir),
                 "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            env = {**os.environ, "TRENDGRAPH_HOME": str(ROOT)}
            procs.append(subprocess.Popen(
                [str(exe / "trendgraph"), "serve", "--port", str(tg_port)], env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            ox_url, tg_url = f"http://127.0.0.1:{ox_port}", f"http://127.0.0.1:{tg_port}"
            wait_until_up(ox_url + "/query?query=ASK%7B%7D")
            wait_until_up(tg_url + "/queries")

            workloads = [
                ("raakt-beide-domeinen",
                 (tg_url + "/queries/raakt-beide-domeinen.json",
                  {"domein1": "wonen", "domein2": "klimaat", "pageSize": "10000"},
                  {"Accept": "application/sparql-results+json"}),
                 (ox_url + "/query", {"query": sparql},
                  {"Accept": "application/sparql-results+json"})),
                ("one-resource lookup",
                 (tg_url + "/id/platform31-2025/trend/h8-woningtekort", None,
                  {"Accept": "text/turtle"}),
                 (ox_url + "/query", {"query": describe}, {"Accept": "text/turtle"})),
            ]
            print(f"{args.concurrency} concurrent clients, {args.seconds:g} s per run, "
                  f"{os.cpu_count()} cores; graph {nq.stat().st_size // 1024} KiB of N-Quads")
            print(f"{'workload':<22} {'server':<11} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
            for name, tg, oxi in workloads:
                results = {}
                for server, (url, params, headers) in (("oxigraph", oxi), ("trendgraph", tg)):
                    asyncio.run(load(url, params, headers, 1.0, args.concurrency))  # warm-up
                    rps, lat, errors = asyncio.run(
                        load(url, params, headers, args.seconds, args.concurrency))
                    results[server] = rps
                    print(f"{name:<22} {server:<11} {rps:>8.0f} {pct(lat, .5):>8.1f} "
                          f"{pct(lat, .99):>8.1f} {errors:>6}")
                print(f"{name:<22} ratio trendgraph/oxigraph = "
                      f"{results['trendgraph'] / results['oxigraph']:.2f}")
        finally:
            for p in procs:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()


if __name__ == "__main__":
    main()
