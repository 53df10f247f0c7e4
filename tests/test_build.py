"""The build is deterministic, reuses an unchanged result, and refuses bad data
without touching the previous dist/."""

import hashlib

import pytest

from trendgraph.build import BuildFailed, build


def digest(directory) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.iterdir())}


def test_build_writes_trig_and_nquads_with_named_graphs(mini_root):
    result = build(mini_root, quiet=True)
    assert not result.cached
    names = {p.name for p in (mini_root / "dist").iterdir()}
    assert {"trendgraph.trig", "trendgraph.nq", "build.json"} <= names
    graphs = set(result.triples_per_graph)
    g = "https://w3id.org/trendgraph/graph/"
    assert {g + "ontologie", g + "vocabulaire", g + "platform31-2025", g + "afgeleid"} <= graphs
    assert result.instances_per_class["tg:Trend"] == 1
    assert result.instances_per_class["tg:Koppelkans"] == 1


def test_same_input_gives_byte_identical_output(mini_root, tmp_path):
    build(mini_root, quiet=True)
    first = digest(mini_root / "dist")
    build(mini_root, force=True, quiet=True)
    assert digest(mini_root / "dist") == first


def test_unchanged_input_is_reused(mini_root):
    build(mini_root, quiet=True)
    again = build(mini_root, quiet=True)
    assert again.cached
    assert again.instances_per_class["tg:Trend"] == 1


def test_changed_input_rebuilds(mini_root):
    build(mini_root, quiet=True)
    f = mini_root / "data" / "platform31-2025" / "mini.ttl"
    f.write_text(f.read_text(encoding="utf-8").replace("Fixture-trend", "Fixture-trend twee"),
                 encoding="utf-8")
    assert not build(mini_root, quiet=True).cached


def test_bad_data_is_refused_and_dist_untouched(mini_root):
    build(mini_root, quiet=True)
    before = digest(mini_root / "dist")
    f = mini_root / "data" / "platform31-2025" / "bad.ttl"
    f.write_text(
        "@prefix tg: <https://w3id.org/trendgraph/def#> .\n"
        "<https://w3id.org/trendgraph/id/platform31-2025/trend/kapot> a tg:Trend .\n",
        encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build(mini_root, quiet=True)
    assert info.value.violations
    assert all("bad.ttl" in v.source_file for v in info.value.violations)
    assert digest(mini_root / "dist") == before


def test_syntax_error_names_file_and_line(mini_root):
    (mini_root / "data" / "platform31-2025" / "kapot.ttl").write_text(
        "@prefix tg: <https://w3id.org/trendgraph/def#> .\n\n<a> tg:x .\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build(mini_root, quiet=True)
    msg = str(info.value)
    assert "kapot.ttl" in msg and "line" in msg
    assert not (mini_root / "dist").exists()
