"""The SPARQL endpoint, saved queries and linked data, against a real server on
127.0.0.1, with real clients: SPARQLWrapper, rdflib's SPARQLStore and httpx."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from conftest import NoConnection

TG = "https://w3id.org/trendgraph/def#"
P31 = "https://w3id.org/trendgraph/id/platform31-2025/"
TRENDS = f"PREFIX tg: <{TG}> SELECT ?t WHERE {{ ?t a tg:Trend }}"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


# --- SPARQL 1.1 Protocol with real clients -------------------------------------------

@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_sparqlwrapper_select(mini_server, fmt):
    sw = SPARQLWrapper(mini_server + "/sparql")
    sw.setQuery(TRENDS)
    sw.setReturnFormat(fmt)
    result = sw.query().convert()
    if fmt == JSON:
        values = [b["t"]["value"] for b in result["results"]["bindings"]]
    elif fmt == XML:
        values = [n.firstChild.data for n in result.getElementsByTagName("uri")]
    else:
        values = result.decode().splitlines()[1:]
    assert values == [P31 + "trend/fx-trend"]


def test_sparqlwrapper_construct_turtle(mini_server):
    sw = SPARQLWrapper(mini_server + "/sparql")
    sw.setQuery(f"PREFIX tg: <{TG}> CONSTRUCT {{ ?t tg:leidtTot ?o }} WHERE {{ ?t tg:leidtTot ?o }}")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert (URIRef(P31 + "trend/fx-trend"), URIRef(TG + "leidtTot"),
            URIRef(P31 + "opgave/fx-opgave")) in g


def test_rdflib_sparqlstore(mini_server):
    store = SPARQLStore(mini_server + "/sparql")
    rows = list(store.query(TRENDS))
    assert [str(r[0]) for r in rows] == [P31 + "trend/fx-trend"]
    assert store.query(f"ASK {{ <{P31}trend/fx-trend> a <{TG}Trend> }}").askAnswer is True


def test_post_form_and_sparql_query_body(mini_server):
    r = httpx.post(mini_server + "/sparql", data={"query": TRENDS},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["results"]["bindings"]
    r = httpx.post(mini_server + "/sparql", content=TRENDS,
                   headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert r.status_code == 200 and r.text.startswith("t\r\n")


def test_accept_q_values_and_format_parameter(mini_server):
    r = httpx.get(mini_server + "/sparql", params={"query": TRENDS},
                  headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml;q=0.9"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    r = httpx.get(mini_server + "/sparql", params={"query": TRENDS},
                  headers={"Accept": "text/csv;q=0, text/tab-separated-values"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert r.text.startswith("?t\n<")
    r = httpx.get(mini_server + "/sparql", params={"query": TRENDS, "format": "csv"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.headers["content-type"].startswith("text/csv")
    r = httpx.get(mini_server + "/sparql", params={
        "query": f"CONSTRUCT WHERE {{ <{P31}trend/fx-trend> ?p ?o }}"},
        headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and isinstance(r.json(), list)
    r = httpx.get(mini_server + "/sparql", params={"query": TRENDS},
                  headers={"Accept": "image/png"})
    assert r.status_code == 406 and "error" in r.json()


def test_malformed_query_is_400_with_parser_message(mini_server):
    r = httpx.get(mini_server + "/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    body = r.json()
    assert body["status"] == 400 and "malformed query" in body["error"]
    assert "1:" in body["error"]  # the parser's position


@pytest.mark.parametrize("how", ["form", "body", "query"])
def test_updates_are_forbidden(mini_server, how):
    update = f"INSERT DATA {{ <{P31}x> <{TG}y> <{P31}z> }}"
    if how == "form":
        r = httpx.post(mini_server + "/sparql", data={"update": update})
    elif how == "body":
        r = httpx.post(mini_server + "/sparql", content=update,
                       headers={"Content-Type": "application/sparql-update"})
    else:
        r = httpx.get(mini_server + "/sparql", params={"query": update})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    r = httpx.get(mini_server + "/sparql", params={"query": f"ASK {{ <{P31}x> ?p ?o }}"},
                  headers={"Accept": "application/sparql-results+json"})
    assert r.json()["boolean"] is False


def test_service_description_without_query(mini_server):
    r = httpx.get(mini_server + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    assert len(list(g.objects(None, URIRef(sd + "namedGraph")))) >= 4


def test_etag_and_if_none_match(mini_server):
    r = httpx.get(mini_server + "/sparql", params={"query": TRENDS})
    etag = r.headers["etag"]
    r2 = httpx.get(mini_server + "/sparql", params={"query": TRENDS},
                   headers={"If-None-Match": etag})
    assert r2.status_code == 304 and not r2.content
    r3 = httpx.get(mini_server + "/sparql", params={"query": TRENDS, "format": "csv"})
    assert r3.headers["etag"] != etag


def test_cors_for_get(mini_server):
    r = httpx.get(mini_server + "/sparql", params={"query": TRENDS},
                  headers={"Origin": "https://example.org"})
    assert r.headers.get("access-control-allow-origin") == "*"


def test_request_size_limit(mini_server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30000
    r = httpx.post(mini_server + "/sparql", content=big,
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and "error" in r.json()


def test_unsupported_post_type(mini_server):
    r = httpx.post(mini_server + "/sparql", content="x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_service_outside_allowlist_is_refused_without_connecting(mini_server):
    with NoConnection() as port:
        q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        r = httpx.get(mini_server + "/sparql", params={"query": q})
        assert r.status_code == 400 and "not allowed" in r.json()["error"]


# --- timeout ---------------------------------------------------------------------------

def test_timeout_stops_expensive_query_while_others_are_answered(mini_server):
    def expensive():
        t = time.perf_counter()
        r = httpx.get(mini_server + "/sparql", params={"query": EXPENSIVE}, timeout=60)
        return r, time.perf_counter() - t

    with ThreadPoolExecutor(2) as ex:
        slow = ex.submit(expensive)
        time.sleep(0.3)
        t = time.perf_counter()
        quick = httpx.get(mini_server + "/sparql", params={"query": TRENDS}, timeout=30)
        quick_time = time.perf_counter() - t
        r, slow_time = slow.result()
    assert quick.status_code == 200 and quick_time < 1.0
    assert r.status_code == 503 and "timeout" in r.json()["error"]
    assert slow_time < 5
    # the killed worker is replaced: the server keeps answering
    for _ in range(4):
        assert httpx.get(mini_server + "/sparql", params={"query": TRENDS},
                         timeout=30).status_code == 200


# --- saved queries ----------------------------------------------------------------------

def test_queries_list_json_and_html(mini_server):
    r = httpx.get(mini_server + "/queries", headers={"Accept": "application/json"})
    names = {q["name"] for q in r.json()["queries"]}
    assert {"raakt-beide-domeinen", "koppelkansen", "domeinmatrix", "dilemmas",
            "opgaven-per-domein", "trend-keten", "in-beide-rapporten", "bronnen",
            "trendweb-verwijzingen", "zoek", "hoofdstuk", "gemeenten", "domein-subgraaf",
            "statistiek"} <= names
    q = next(q for q in r.json()["queries"] if q["name"] == "raakt-beide-domeinen")
    assert {p["name"] for p in q["parameters"]} == {"domein1", "domein2", "type"}
    assert q["example"].startswith("/queries/raakt-beide-domeinen?")
    r = httpx.get(mini_server + "/queries", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("text/html") and "raakt-beide-domeinen" in r.text


@pytest.mark.parametrize("suffix,ctype", [(".csv", "text/csv"), (".json", "application/sparql-results+json"),
                                           (".srj", "application/sparql-results+json")])
def test_saved_query_suffixes(mini_server, suffix, ctype):
    r = httpx.get(mini_server + "/queries/raakt-beide-domeinen" + suffix,
                  params={"domein1": "wonen", "domein2": "klimaat"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    assert "fx-trend" in r.text


def test_saved_construct_as_turtle(mini_server):
    r = httpx.get(mini_server + "/queries/domein-subgraaf.ttl", params={"domein": "klimaat"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(P31 + "koppelkans/fx-koppelkans"), None, None) in g


def test_paging_with_link_headers(mini_server):
    url = mini_server + "/queries/statistiek.csv"
    all_rows = httpx.get(url).text.splitlines()[1:]
    assert len(all_rows) >= 3
    r1 = httpx.get(url, params={"pageSize": 2})
    assert r1.text.splitlines()[1:] == all_rows[:2]
    assert 'rel="next"' in r1.headers["link"] and 'rel="prev"' not in r1.headers["link"]
    r2 = httpx.get(url, params={"pageSize": 2, "page": 2})
    assert r2.text.splitlines()[1:] == all_rows[2:4]
    assert 'rel="prev"' in r2.headers["link"]
    last = (len(all_rows) + 1) // 2
    r3 = httpx.get(url, params={"pageSize": 2, "page": last})
    assert 'rel="next"' not in r3.headers["link"]


@pytest.mark.parametrize("path,params,status", [
    ("/queries/bestaat-niet", {}, 404),
    ("/queries/raakt-beide-domeinen", {"domein1": "wonen", "onbekend": "x"}, 400),
    ("/queries/raakt-beide-domeinen", {"domein1": "niet een iri"}, 400),
    ("/queries/raakt-beide-domeinen", {"pageSize": "10001"}, 400),
    ("/queries/raakt-beide-domeinen", {"page": "nul"}, 400),
    ("/queries/raakt-beide-domeinen.pdf", {}, 404),
    ("/queries/trend-keten", {"trend": "javascript:alert(1)"}, 400),
])
def test_saved_query_bad_input(mini_server, path, params, status):
    r = httpx.get(mini_server + path, params=params)
    assert r.status_code == status
    assert r.json()["status"] == status and r.json()["error"]


def test_openapi_has_an_operation_per_saved_query(mini_server):
    spec = httpx.get(mini_server + "/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    op = spec["paths"]["/queries/raakt-beide-domeinen"]["get"]
    params = {p["name"]: p for p in op["parameters"]}
    assert params["domein1"]["schema"]["default"] == "wonen"
    assert params["domein1"]["description"]
    assert "enum" in params["type"]["schema"]
    assert params["pageSize"]["schema"]["maximum"] == 10000
    names = {p.split("/")[-1] for p in spec["paths"] if p.startswith("/queries/")}
    listed = {q["name"] for q in httpx.get(mini_server + "/queries").json()["queries"]}
    assert listed <= names


# --- linked data ---------------------------------------------------------------------------

def test_resource_html_for_browsers_and_rdf_for_machines(mini_server):
    url = mini_server + "/id/platform31-2025/trend/fx-trend"
    html = httpx.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html")
    assert "Fixture-trend" in html.text and 'href="/id/platform31-2025/opgave/fx-opgave"' in html.text
    ttl = httpx.get(url, headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (URIRef(P31 + "trend/fx-trend"), URIRef(TG + "leidtTot"), URIRef(P31 + "opgave/fx-opgave")) in g
    js = httpx.get(url, headers={"Accept": "application/ld+json"})
    g2 = Graph().parse(data=js.text, format="json-ld")
    assert (URIRef(P31 + "trend/fx-trend"), URIRef(TG + "leidtTot"), URIRef(P31 + "opgave/fx-opgave")) in g2


def test_unknown_resource_is_404(mini_server):
    r = httpx.get(mini_server + "/id/platform31-2025/trend/bestaat-niet",
                  headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and "error" in r.json()


def test_ontology_dereferences(mini_server):
    html = httpx.get(mini_server + "/def", headers={"Accept": "text/html"})
    assert 'id="Trend"' in html.text and 'id="leidtTot"' in html.text
    ttl = httpx.get(mini_server + "/def", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (URIRef(TG + "Trend"), None, None) in g
