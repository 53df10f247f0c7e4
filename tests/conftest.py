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


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A project with the real ontology and vocabulary but a tiny synthetic data set."""
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    (proj / "data").mkdir(parents=True)
    for name in ("beleidsdomeinen.ttl", "organisaties.ttl"):
        shutil.copy(ROOT / "data" / name, proj / "data" / name)
    shutil.copytree(FIXTURES / "mini" / "data" / "platform31-2025", proj / "data" / "platform31-2025")
    shutil.copy(ROOT / "data" / "platform31-2025" / "rapport.ttl",
                proj / "data" / "platform31-2025" / "rapport.ttl")
    return proj


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
