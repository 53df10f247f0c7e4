"""Federation: a saved query joins our municipalities with figures from a second, real
SPARQL endpoint on 127.0.0.1; SERVICE to anything not allow-listed is refused before any
request leaves the server."""

import httpx
import pytest

from conftest import NoConnection, make_mini_project, start_server, stop_server


@pytest.fixture(scope="module")
def federating_server(tmp_path_factory, cbs_endpoint):
    from trendgraph.build import build

    proj = make_mini_project(tmp_path_factory.mktemp("fed") / "proj", queries=True)
    build(proj, quiet=True)
    proc, url = start_server(proj, TRENDGRAPH_SERVICES=f"cbs-cijfers={cbs_endpoint}")
    yield url
    stop_server(proc)


def test_federated_saved_query_returns_joined_rows(federating_server):
    r = httpx.get(federating_server + "/queries/gemeente-cijfers.json", timeout=30)
    assert r.status_code == 200, r.text
    rows = [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
    # only the fixture municipality's code (GM0193) joins; GM0153 and GM9999 have no match here
    assert {(row["naam"], row["code"], row["maat"], row["waarde"]) for row in rows} == {
        ("Fixturestad", "GM0193", "inwoners (fixture)", "111"),
        ("Fixturestad", "GM0193", "woningen (fixture)", "222"),
    }
    assert "etag" not in r.headers  # the answer depends on another server


def test_allowed_endpoint_may_be_named_directly(federating_server, cbs_endpoint):
    q = ("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?code WHERE { "
         f"SERVICE <{cbs_endpoint}> {{ ?a dcterms:identifier ?code }} }} ORDER BY ?code")
    r = httpx.get(federating_server + "/sparql", params={"query": q, "format": "csv"}, timeout=30)
    assert r.status_code == 200 and r.text.split()[1:] == ["GM0153", "GM0193", "GM9999"]


def test_other_endpoints_are_refused_without_a_connection(federating_server):
    with NoConnection() as port:
        for target in (f"<http://127.0.0.1:{port}/sparql>", f"SILENT <http://127.0.0.1:{port}/q>",
                       "?endpoint"):
            q = f"SELECT * WHERE {{ SERVICE {target} {{ ?s ?p ?o }} }}"
            r = httpx.get(federating_server + "/sparql", params={"query": q})
            assert r.status_code == 400 and "not allowed" in r.json()["error"], target


def test_unconfigured_named_service_is_an_error(mini_server):
    r = httpx.get(mini_server + "/queries/gemeente-cijfers.json")
    assert r.status_code == 400 and "not configured" in r.json()["error"]
