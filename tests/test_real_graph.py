"""The saved queries on the real, built graph, through a real server on 127.0.0.1."""

import httpx
import pytest

from conftest import start_server, stop_server

P31 = "https://w3id.org/trendgraph/id/platform31-2025"
TW = "https://w3id.org/trendgraph/id/trendweb-2025"


@pytest.fixture(scope="module")
def real_server(real_built, cbs_endpoint):
    proc, url = start_server(real_built, TRENDGRAPH_SERVICES=f"cbs-cijfers={cbs_endpoint}")
    yield url
    stop_server(proc)


def test_housing_and_climate_in_both_reports(real_server):
    r = httpx.get(real_server + "/queries/raakt-beide-domeinen.json",
                  params={"domein1": "wonen", "domein2": "klimaat"}, timeout=30)
    assert r.status_code == 200
    rows = r.json()["results"]["bindings"]
    reports = {row["rapport"]["value"] for row in rows}
    assert {P31, TW} <= reports
    assert set(r.json()["head"]["vars"]) == {"item", "type", "label", "rapport", "sectie", "citaat"}


def test_type_filter(real_server):
    r = httpx.get(real_server + "/queries/raakt-beide-domeinen.json",
                  params={"domein1": "wonen", "domein2": "klimaat", "type": "Trend"}, timeout=30)
    types = {row["type"]["value"] for row in r.json()["results"]["bindings"]}
    assert types == {"https://w3id.org/trendgraph/def#Trend"}


def test_every_saved_query_returns_rows(real_server):
    listing = httpx.get(real_server + "/queries", timeout=30).json()["queries"]
    empty = []
    for q in listing:
        accept = "text/turtle" if q["form"] in ("construct", "describe") else "text/csv"
        r = httpx.get(real_server + q["example"], headers={"Accept": accept}, timeout=60)
        assert r.status_code == 200, (q["name"], r.text[:300])
        rows = [l for l in r.text.splitlines()[1:] if l.strip()] if accept == "text/csv" else \
            [l for l in r.text.splitlines() if l.strip() and not l.startswith("@prefix")]
        if not rows:
            empty.append(q["name"])
    assert not empty, f"saved queries without rows on the real graph: {empty}"


@pytest.mark.parametrize("path,accept,parser", [
    ("/catalog", "application/ld+json", "json-ld"),
    ("/catalog", "text/turtle", "turtle"),
    ("/.well-known/void", "application/n-triples", "nt"),
    ("/sparql", "application/n-triples", "nt"),
])
def test_dataset_descriptions_in_every_rdf_format(real_server, path, accept, parser):
    from rdflib import Graph

    r = httpx.get(real_server + path, headers={"Accept": accept}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=r.text, format=parser)) > 10
