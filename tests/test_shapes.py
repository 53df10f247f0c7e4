"""The shapes accept the real data and the miniature data set, and reject every bad
fixture in tests/fixtures/shapes with the violation its header announces."""

from pathlib import Path

import pytest

from trendgraph.load import InputFile, graph_for, input_files, load, load_shapes
from trendgraph.validate import validate

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "shapes").glob("*.ttl"))
BASE = "https://w3id.org/trendgraph/id/platform31-2025/"


def _expectation(path: Path) -> tuple[str, str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            focus, message = (part.strip() for part in line[len("# expect:"):].split("|", 1))
            return (focus if focus.startswith("http") else BASE + focus), message
    raise AssertionError(f"{path.name} has no '# expect:' line")


def test_real_data_conforms(root):
    loaded = load(root)
    violations = validate(loaded, load_shapes(root))
    assert not violations, "\n".join(v.render() for v in violations[:30])


def test_mini_data_conforms(mini_root):
    assert validate(load(mini_root), load_shapes(mini_root)) == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_bad_fixture_is_rejected(mini_root, fixture):
    focus, message = _expectation(fixture)
    target = mini_root / "data" / "platform31-2025" / fixture.name
    target.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    violations = validate(load(mini_root), load_shapes(mini_root))
    hits = [v for v in violations if v.focus == focus and message in v.message]
    assert hits, f"expected a violation on {focus} saying '{message}', got:\n" + "\n".join(
        v.render() for v in violations)
    # the report names the file the focus node came from (except for nodes only referenced)
    assert any(fixture.name in v.source_file or "mini.ttl" in v.source_file for v in hits)


def test_every_fixture_targets_a_distinct_constraint():
    expectations = [_expectation(p) for p in FIXTURES]
    assert len(FIXTURES) >= 30
    assert len({m for _, m in expectations}) >= 25
