"""Shared fixtures: the real project, a miniature project for build tests, and the
report sources when ``TRENDGRAPH_SOURCES`` is set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def make_mini_project(proj: Path, queries: bool = False) -> Path:
    """A project with the real ontology and vocabulary but a tiny synthetic data set."""
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    (proj / "data").mkdir(parents=True)
    for name in ("beleidsdomeinen.ttl", "organisaties.ttl"):
        shutil.copy(ROOT / "data" / name, proj / "data" / name)
    shutil.copytree(FIXTURES / "mini" / "data" / "platform31-2025", proj / "data" / "platform31-2025")
    shutil.copy(ROOT / "data" / "platform31-2025" / "rapport.ttl",
                proj / "data" / "platform31-2025" / "rapport.ttl")
    if queries:
        shutil.copytree(ROOT / "queries", proj / "queries")
    return proj


@pytest.fixture(scope="session")
def real_built(tmp_path_factory) -> Path:
    """A copy of the real project, built once for every test that needs the real graph."""
    from trendgraph.build import build

    proj = tmp_path_factory.mktemp("real") / "proj"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, proj / name)
    build(proj, quiet=True)
    return proj


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    return make_mini_project(tmp_path / "proj")


@pytest.fixture(scope="session")
def sources() -> Path:
    env = os.environ.get("TRENDGRAPH_SOURCES")
    if not env:
        pytest.skip("TRENDGRAPH_SOURCES is not set: the report texts are needed for this test "
                    "(.ci/run sets it to ../shared/sources)")
    path = Path(env)
    if not path.is_dir():
        pytest.skip(f"TRENDGRAPH_SOURCES={env} is not a directory")
    return path


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, **env_extra) -> tuple["subprocess.Popen", str]:
    """Start the real console script on 127.0.0.1 and wait until it answers."""
    import subprocess
    import sys
    import time

    import httpx

    port = free_port()
    exe = Path(sys.executable).with_name("trendgraph")
    env = {**os.environ, "TRENDGRAPH_HOME": str(root), **{k: str(v) for k, v in env_extra.items()}}
    proc = subprocess.Popen([str(exe), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stdout.read()}")
        try:
            if httpx.get(url + "/queries", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 120 s")


class NoConnection:
    """A listening socket on 127.0.0.1 that must not be connected to: the proof that a
    refused SERVICE sent nothing. Use as ``with NoConnection() as port: ...``."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        import socket

        self.sock.settimeout(1.0)
        try:
            conn, _ = self.sock.accept()
        except socket.timeout:
            return
        finally:
            self.sock.close()
        conn.close()
        raise AssertionError("the server opened a connection to a refused SERVICE endpoint")


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except Exception:
        proc.kill()


@pytest.fixture(scope="module")
def mini_server(tmp_path_factory):
    """A real server on a built copy of the miniature project, with a 1.5 s timeout."""
    from trendgraph.build import build

    proj = make_mini_project(tmp_path_factory.mktemp("srv") / "proj", queries=True)
    build(proj, quiet=True)
    proc, url = start_server(proj, TRENDGRAPH_TIMEOUT=1.5, TRENDGRAPH_WORKERS=2,
                             TRENDGRAPH_MAX_REQUEST_BYTES=20000)
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def cbs_endpoint(tmp_path_factory):
    """A second, real SPARQL endpoint on 127.0.0.1: `oxigraph serve-read-only` loaded with
    a small fixture of CBS-shaped municipality figures. Yields its query URL."""
    import subprocess
    import sys
    import time

    import httpx

    exe = Path(sys.executable).with_name("oxigraph")
    if not exe.exists():
        pytest.fail("the oxigraph server (PyPI package 'oxigraph', a dev extra) is not installed")
    db = tmp_path_factory.mktemp("cbs") / "db"
    subprocess.run([str(exe), "load", "--location", str(db), "--file",
                    str(FIXTURES / "federatie" / "cbs-cijfers.ttl")], check=True,
                   capture_output=True)
    port = free_port()
    proc = subprocess.Popen([str(exe), "serve-read-only", "--location", str(db),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(10)
