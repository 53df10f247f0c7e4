"""Run queries in worker processes, so that a timeout really stops the work.

pyoxigraph evaluates a query in native code that no thread can interrupt. Each worker
is a process with its own in-memory store loaded from ``dist/trendgraph.nq``; a query
that outlives its timeout has its worker killed and replaced, while the other workers
keep answering. Workers also serialise the result, so only the finished bytes cross
the pipe.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Job:
    sparql: str
    media_type: str  # the result format the client negotiated
    offset: int = 0
    page_size: int | None = None  # None: everything up to max_rows
    max_rows: int = 10_000
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Reply:
    ok: bool
    kind: str = ""  # select, ask, graph; or the error kind: syntax, engine
    media_type: str = ""
    body: bytes = b""
    rows: int = 0
    has_more: bool = False
    truncated: bool = False
    message: str = ""


class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    pass


def _run_job(engine, job: Job) -> Reply:
    from . import results
    from .store import QueryError

    wanted = job.offset + (job.page_size if job.page_size is not None else job.max_rows)
    try:
        r = engine.query(job.sparql, limit=wanted)
    except QueryError as exc:
        return Reply(False, "syntax", message=str(exc))
    except Exception as exc:  # evaluation errors inside the engine
        return Reply(False, "engine", message=f"{type(exc).__name__}: {exc}")
    if r.kind == "select":
        more = len(r.rows) > wanted
        truncated = more and job.page_size is None
        r.rows = r.rows[job.offset:wanted]
    elif r.kind == "graph":
        more = len(r.triples) > wanted
        truncated = more and job.page_size is None
        r.triples = r.triples[job.offset:wanted]
    else:
        more = truncated = False
    media = job.media_type
    if r.kind == "graph":
        if media not in results.RDF_FORMATS and media != "application/ld+json":
            media = "text/turtle"
        body = results.to_rdf(r, media, dict(job.prefixes))
    else:
        if media not in results.SELECT_WRITERS:
            media = "application/sparql-results+json"
        body = results.SELECT_WRITERS[media](r)
    n = len(r.rows) if r.kind == "select" else len(r.triples)
    return Reply(True, r.kind, media, body.encode("utf-8"), n, more, truncated)


def _worker_main(conn, nq_path: str) -> None:
    from .store import OxigraphEngine

    engine = OxigraphEngine.from_nquads(Path(nq_path))
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(_run_job(engine, job))


class _Worker:
    def __init__(self, ctx, nq_path: Path):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, str(nq_path)), daemon=True)
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout) or self.conn.recv() != "ready":
            self.kill()
            raise RuntimeError("query worker did not start")

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        finally:
            self.conn.close()


class QueryPool:
    """A fixed number of worker processes behind an asyncio queue."""

    def __init__(self, nq_path: Path, workers: int = 2, timeout: float = 10.0,
                 queue_timeout: float = 30.0, start_timeout: float = 120.0):
        self.nq_path = nq_path
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self.start_timeout = start_timeout
        self._ctx = mp.get_context("spawn")
        self._size = workers
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        workers = [_Worker(self._ctx, self.nq_path) for _ in range(self._size)]
        for w in workers:
            await asyncio.to_thread(w.wait_ready, self.start_timeout)
            self._all.add(w)
            self._idle.put_nowait(w)

    async def close(self) -> None:
        for w in list(self._all):
            w.kill()
        self._all.clear()

    def _replace(self, dead: _Worker, loop: asyncio.AbstractEventLoop) -> None:
        """Start a new worker in the background and hand it to the queue when ready."""
        with self._lock:
            self._all.discard(dead)

        def spawn():
            w = _Worker(self._ctx, self.nq_path)
            w.wait_ready(self.start_timeout)
            with self._lock:
                self._all.add(w)
            loop.call_soon_threadsafe(self._idle.put_nowait, w)

        threading.Thread(target=spawn, daemon=True).start()

    async def execute(self, job: Job, timeout: float | None = None) -> Reply:
        assert self._idle is not None, "pool not started"
        timeout = self.timeout if timeout is None else timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.queue_timeout)
        except asyncio.TimeoutError:
            raise PoolBusy(f"all query workers stayed busy for {self.queue_timeout:.0f} s") from None
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        try:
            worker.conn.send(job)
            ready = await asyncio.to_thread(worker.conn.poll, timeout)
            if not ready:
                worker.kill()
                self._replace(worker, loop)
                worker = None
                raise QueryTimeout(
                    f"query stopped after {time.perf_counter() - started:.1f} s "
                    f"(timeout {timeout:g} s)")
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                worker.kill()
                self._replace(worker, loop)
                worker = None
            return Reply(False, "engine", message="the query worker died; it is being restarted")
        finally:
            if worker is not None:
                self._idle.put_nowait(worker)
        return reply
