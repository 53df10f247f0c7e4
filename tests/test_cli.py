"""Smoke tests of the real console script, run in a subprocess as a user would."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = shutil.which("trendgraph", path=str(Path(sys.executable).parent)) or "trendgraph"


def run(args, root, stdin=None, extra_env=None):
    env = {**os.environ, "TRENDGRAPH_HOME": str(root), **(extra_env or {})}
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=300)


def test_build_then_stats_then_query(mini_root):
    r = run(["build"], mini_root)
    assert r.returncode == 0, r.stderr
    assert "[1/6]" in r.stderr and "instances per class" in r.stdout
    r = run(["build"], mini_root)
    assert r.returncode == 0 and "up to date" in r.stderr
    r = run(["stats"], mini_root)
    assert r.returncode == 0, r.stderr
    assert "tg:Trend" in r.stdout
    r = run(["query", "--sparql", "-", "--format", "csv"], mini_root,
            stdin="PREFIX tg: <https://w3id.org/trendgraph/def#>\n"
                  "SELECT ?t WHERE { ?t a tg:Trend }")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "t"
    assert r.stdout.splitlines()[1].endswith("/trend/fx-trend")


def test_query_json_and_table(mini_root):
    run(["build"], mini_root)
    q = mini_root / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    r = run(["query", "--sparql", str(q), "--format", "json"], mini_root)
    assert r.returncode == 0 and '"vars": ["n"]' in r.stdout
    r = run(["query", "--sparql", str(q)], mini_root)
    assert r.returncode == 0 and "(1 row)" in r.stdout


@pytest.mark.parametrize("args,stdin,code,needle", [
    (["query", "--sparql", "-"], "SELEKT ?x", 1, "query failed"),
    (["query", "--sparql", "nope.rq"], None, 2, "no such file"),
    (["query"], None, 2, "saved query NAME or --sparql"),
])
def test_errors_are_messages_not_tracebacks(mini_root, args, stdin, code, needle):
    run(["build"], mini_root)
    r = run(args, mini_root, stdin=stdin)
    assert r.returncode == code, r.stderr
    assert needle in r.stderr
    assert "Traceback" not in r.stderr


def test_build_with_violations_exits_1_and_names_the_file(mini_root):
    (mini_root / "data" / "platform31-2025" / "slecht.ttl").write_text(
        "@prefix tg: <https://w3id.org/trendgraph/def#> .\n"
        "<https://w3id.org/trendgraph/id/platform31-2025/opgave/slecht> a tg:Opgave .\n",
        encoding="utf-8")
    r = run(["build"], mini_root)
    assert r.returncode == 1
    assert "slecht.ttl" in r.stderr and "Traceback" not in r.stderr
    assert "path:" in r.stderr and "message:" in r.stderr
    assert not (mini_root / "dist").exists()
    r = run(["validate"], mini_root)
    assert r.returncode == 1 and "slecht.ttl" in r.stdout


def test_stats_without_build(mini_root):
    r = run(["stats"], mini_root)
    assert r.returncode == 1 and "run 'trendgraph build' first" in r.stderr
