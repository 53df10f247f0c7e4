"""The DCAT-AP-NL and VoID descriptions, the links to TOOI/CBS/Wikidata/EuroVoc, and the
export formats, checked on the real build."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from conftest import ROOT

TG = "https://w3id.org/trendgraph/def#"
ALLOWED = ("https://identifier.overheid.nl/tooi/", "http://www.wikidata.org/entity/",
           "http://eurovoc.europa.eu/", "https://w3id.org/trendgraph/")
HOMEPAGE_HOSTS = {"www.overijssel.nl", "www.cbs.nl", "www.pbl.nl", "trendbureauoverijssel.nl",
                  "www.raadopenbaarbestuur.nl", "www.collegevanrijksadviseurs.nl",
                  "www.rijksoverheid.nl"}


@pytest.fixture(scope="module")
def built(real_built):
    return real_built


def links() -> Graph:
    g = Graph()
    for p in sorted((ROOT / "data" / "links").glob("*.ttl")):
        g.parse(p)
    return g


def test_dcat_and_void_validate(built):
    shapes = Graph().parse(ROOT / "ontology" / "dataset-shapes.ttl")
    # the two files describe the same dataset: validate them together
    data = Graph().parse(built / "dist" / "catalog.ttl").parse(built / "dist" / "void.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_shapes_reject_an_incomplete_description():
    shapes = Graph().parse(ROOT / "ontology" / "dataset-shapes.ttl")
    bad = Graph().parse(data="""
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
        <urn:d> a dcat:Dataset ; dcterms:title "alleen een titel"@nl ;
            dcat:theme <https://example.org/geen-tooi> .
        <urn:l> a <http://rdfs.org/ns/void#Linkset> .""", format="turtle")
    conforms, results, text = pyshacl.validate(bad, shacl_graph=shapes, inference="none")
    assert not conforms
    for needle in ("English title", "publisher", "TOOI theme", "temporal", "distributions",
                   "subjects target", "where its identifiers come from"):
        assert needle in text, needle


def test_dataset_themes_are_tooi_and_temporal_is_the_council_term(built):
    g = Graph().parse(built / "dist" / "catalog.ttl")
    ds = URIRef("https://w3id.org/trendgraph/id/dataset/trendgraph")
    themes = list(g.objects(ds, URIRef("http://www.w3.org/ns/dcat#theme")))
    assert len(themes) >= 10
    period = g.value(ds, DCTERMS.temporal)
    assert str(g.value(period, URIRef("http://www.w3.org/ns/dcat#startDate"))) == "2026"
    assert str(g.value(period, URIRef("http://www.w3.org/ns/dcat#endDate"))) == "2030"
    dists = list(g.objects(ds, URIRef("http://www.w3.org/ns/dcat#distribution")))
    assert len(dists) == 4


def test_every_linked_municipality_has_tooi_iri_and_cbs_code():
    g = links()
    data = Graph()
    for p in (ROOT / "data").rglob("*.ttl"):
        data.parse(p)
    gemeenten = set(data.subjects(RDF.type, URIRef(TG + "Gemeente")))
    assert gemeenten
    for gm in gemeenten:
        code = g.value(gm, DCTERMS.identifier)
        assert code is not None and re.fullmatch(r"GM\d{4}", str(code)), gm
        tooi = [str(o) for o in g.objects(gm, OWL.sameAs) if "tooi" in str(o)]
        assert tooi == [f"https://identifier.overheid.nl/tooi/id/gemeente/gm{str(code)[2:]}"], gm
        ident = g.value(gm, URIRef("http://www.w3.org/ns/adms#identifier"))
        assert str(g.value(ident, SKOS.notation)) == str(code)
        assert str(g.value(ident, DCTERMS.temporal)) == "2025"


def test_overijssel_links_to_its_tooi_province():
    g = links()
    prov = URIRef("https://w3id.org/trendgraph/id/organisatie/provincie-overijssel")
    assert URIRef("https://identifier.overheid.nl/tooi/id/provincie/pv23") in set(g.objects(prov, OWL.sameAs))


def test_no_link_points_outside_the_allowed_namespaces():
    g = links()
    link_predicates = {OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch,
                       SKOS.narrowMatch, SKOS.relatedMatch}
    outside = [(s, p, o) for s, p, o in g if p in link_predicates and not str(o).startswith(ALLOWED)]
    assert not outside, outside
    hosts = {str(o).split("/")[2] for o in g.objects(None, URIRef("http://xmlns.com/foaf/0.1/homepage"))}
    assert hosts <= HOMEPAGE_HOSTS, hosts - HOMEPAGE_HOSTS
    tooi = [str(o) for o in g.objects() if isinstance(o, URIRef)
            and str(o).startswith("https://identifier.overheid.nl/tooi/")]
    assert all(re.fullmatch(r"https://identifier\.overheid\.nl/tooi/(def/thes/top/c_[0-9a-f]{8}|"
                            r"id/(gemeente/gm\d{4}|provincie/pv\d{2}|ministerie/mnre\d{4}))", t)
               for t in tooi), tooi


def test_every_linkset_names_its_source():
    g = links()
    for ls in g.subjects(RDF.type, URIRef("http://rdfs.org/ns/void#Linkset")):
        assert list(g.objects(ls, DCTERMS.source)), ls


def _export(root, fmt):
    exe = Path(sys.executable).with_name("trendgraph")
    return subprocess.run([str(exe), "export", "--format", fmt], capture_output=True,
                          env={"TRENDGRAPH_HOME": str(root), "PATH": "/usr/bin:/bin"}, timeout=120)


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("trig", "trig"), ("nq", "nquads"),
                                        ("jsonld", "json-ld")])
def test_export_formats_parse(built, fmt, parser):
    r = _export(built, fmt)
    assert r.returncode == 0, r.stderr
    from rdflib import Dataset

    g = Dataset() if fmt in ("trig", "nq") else Graph()
    g.parse(data=r.stdout.decode("utf-8"), format=parser)
    assert len(g) > 1000 or sum(len(c) for c in g.graphs()) > 1000


def test_jsonld_uses_dutch_terms(built):
    doc = json.loads((built / "dist" / "trendgraph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["citaat"]["@id"] == "tg:citaat"
    trend = next(n for n in doc["@graph"] if n.get("id", "").endswith("/trend/h8-woningtekort"))
    assert "citaat" in trend and "raaktDomein" in trend and "label" in trend
