"""Saved queries: decorators parse, parameters are validated and bound as typed terms,
and no parameter value can change the query beyond the bound value."""

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st
from rdflib.plugins.sparql import prepareQuery

from trendgraph.querytext import with_values
from trendgraph.saved import ParameterError, load_saved

ROOT = Path(__file__).resolve().parents[1]
SAVED = load_saved(ROOT / "queries")
NAME_CHARS = st.characters(blacklist_categories=("Cs",))


def test_every_file_is_valid_sparql_with_decorators():
    assert len(SAVED) >= 14
    for q in SAVED.values():
        assert q.summary, q.name
        assert q.method == "GET"
        prepareQuery(q.text)  # valid SPARQL 1.1 as written (grlc/TriplyDB run it unchanged)
        for p in q.parameters:
            assert p.name.isalnum(), p.name


def test_parameters_follow_grlc_naming():
    q = SAVED["raakt-beide-domeinen"]
    params = {p.name: p for p in q.parameters}
    assert params["domein1"].required and params["domein1"].type == "iri"
    assert params["domein1"].default == "wonen"
    assert not params["type"].required and params["type"].variable == "__type_iri"


def test_domain_slug_or_iri():
    q = SAVED["raakt-beide-domeinen"]
    a = q.bindings({"domein1": "wonen", "domein2": "klimaat"})
    b = q.bindings({"domein1": "https://w3id.org/trendgraph/id/domein/wonen",
                    "domein2": "https://w3id.org/trendgraph/id/domein/klimaat"})
    assert a == b
    assert a["_domein1_iri"] == ox.NamedNode("https://w3id.org/trendgraph/id/domein/wonen")


@pytest.mark.parametrize("value", ["niet een iri", "<https://x>", "javascript:alert(1)",
                                   "https://x.org/a b", 'https://x.org/"', "https://x.org/>{}"])
def test_bad_iris_are_refused(value):
    with pytest.raises(ParameterError):
        SAVED["trend-keten"].bindings({"trend": value})


def test_missing_and_unknown_parameters():
    with pytest.raises(ParameterError, match="needs parameter 'trend'"):
        q = SAVED["trend-keten"]
        q.parameters = [p.__class__(**{**p.__dict__, "default": None}) for p in q.parameters]
        q.bindings({})
    with pytest.raises(ParameterError, match="unknown parameter"):
        SAVED["zoek"].bindings({"tekst": "x", "tekstt": "y"})


def _values_of(query_text: str, variable: str) -> list:
    """The VALUES rows binding ``variable``, as parsed by rdflib's SPARQL parser."""
    algebra = prepareQuery(query_text).algebra
    found = []

    def walk(node):
        if hasattr(node, "name") and node.name == "values":
            found.extend(node["res"])
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(algebra)
    return [row for row in found if any(str(k) == variable for k in row)]


@settings(max_examples=150, deadline=None)
@given(st.text(NAME_CHARS, min_size=1, max_size=60))
def test_no_text_value_changes_the_query(value):
    """For any text, the bound query equals the query bound with a placeholder except for
    the value itself, and the parser reads back exactly that value as a literal."""
    q = SAVED["zoek"]
    bound = q.prepare({"tekst": value})
    placeholder = q.prepare({"tekst": "PLACEHOLDER"})
    term = str(ox.Literal(value))
    assert bound.replace(term, '"PLACEHOLDER"', 1) == placeholder
    rows = _values_of(bound, "_tekst_string")
    assert len(rows) == 1
    (var, got), = rows[0].items()
    assert str(var) == "_tekst_string" and str(got) == value


@settings(max_examples=150, deadline=None)
@given(st.text(NAME_CHARS, min_size=1, max_size=60))
def test_no_iri_value_changes_the_query(value):
    """Any string given as an IRI is either refused or bound as exactly one IRI."""
    q = SAVED["trend-keten"]
    try:
        bound = q.prepare({"trend": value})
    except ParameterError:
        return
    rows = _values_of(bound, "_trend_iri")
    assert len(rows) == 1
    (var, got), = rows[0].items()
    assert str(var) == "_trend_iri"
    assert bound.replace(f"<{got}>", "<urn:x>", 1) == q.prepare({"trend": "urn:x"})


def test_with_values_skips_braces_in_strings_comments_and_construct_template():
    q = ('# { not here\nCONSTRUCT { ?s ?p "}{" } WHERE { ?s ?p ?o . FILTER(?o != "{") }')
    bound = with_values(q, {"s": ox.NamedNode("urn:a")})
    assert bound.startswith('# { not here\nCONSTRUCT { ?s ?p "}{" } WHERE { VALUES (?s) { (<urn:a>) }')
    prepareQuery(bound)
