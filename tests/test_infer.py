"""The OWL RL closure adds the entailments queries rely on, and nothing about the
vocabularies themselves."""

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from trendgraph.infer import infer
from trendgraph.load import load
from trendgraph.namespaces import G_ONTOLOGY, TG

P31 = "https://w3id.org/trendgraph/id/platform31-2025/"
D = "https://w3id.org/trendgraph/id/domein/"


def closure(mini_root) -> tuple[Graph, Graph]:
    loaded = load(mini_root)
    abox = Graph()
    for ctx in loaded.dataset.graphs():
        if ctx.identifier != G_ONTOLOGY:
            abox += ctx
    return abox, infer(loaded.graph(G_ONTOLOGY), abox)


def test_inverse_properties(mini_root):
    _, inferred = closure(mini_root)
    trend, opgave = URIRef(P31 + "trend/fx-trend"), URIRef(P31 + "opgave/fx-opgave")
    assert (opgave, TG.volgtUit, trend) in inferred
    hp = URIRef(P31 + "handelingsperspectief/fx-hp")
    assert (opgave, TG.heeftHandelingsperspectief, hp) in inferred
    assert (URIRef(P31 + "dilemma/fx-dilemma"), TG.dilemmaBij, opgave) in inferred


def test_sub_properties_and_classes(mini_root):
    _, inferred = closure(mini_root)
    kk = URIRef(P31 + "koppelkans/fx-koppelkans")
    assert (kk, TG.raaktDomein, URIRef(D + "zorg-en-gezondheid")) in inferred
    assert (kk, DCTERMS.subject, URIRef(D + "zorg-en-gezondheid")) in inferred
    assert (kk, RDF.type, TG.Item) in inferred
    assert (URIRef(P31 + "dilemma/fx-dilemma"), RDF.type,
            URIRef("https://vocab.methodandstructure.com/ibis#Issue")) in inferred


def test_transitive_broader_and_part_of(mini_root):
    abox, inferred = closure(mini_root)
    # woningbouw -> wonen is asserted; broaderTransitive follows, narrower is its inverse
    assert (URIRef(D + "woningbouw"), SKOS.broaderTransitive, URIRef(D + "wonen")) in inferred
    assert (URIRef(D + "wonen"), SKOS.narrower, URIRef(D + "woningbouw")) in inferred
    # a three-level chain of sections: transitivity must skip a level
    sectie = URIRef(P31 + "sectie/fx")
    rapport = URIRef("https://w3id.org/trendgraph/id/platform31-2025")
    assert (sectie, TG.onderdeelVan, rapport) not in abox
    assert (sectie, TG.onderdeelVan, rapport) in inferred


def test_transitive_broader_over_two_levels(mini_root):
    loaded = load(mini_root)
    abox = Graph()
    a, b, c = (URIRef(D + x) for x in ("fx-a", "fx-b", "fx-c"))
    abox.add((a, SKOS.broader, b))
    abox.add((b, SKOS.broader, c))
    inferred = infer(loaded.graph(G_ONTOLOGY), abox)
    assert (a, SKOS.broaderTransitive, c) in inferred
    assert (c, SKOS.narrowerTransitive, a) in inferred


def test_no_vocabulary_noise(mini_root):
    _, inferred = closure(mini_root)
    for s, p, o in inferred:
        assert not str(s).startswith("http://www.w3.org/2002/07/owl#"), (s, p, o)
        assert not str(s).startswith(str(TG)), (s, p, o)
        assert not (p == URIRef("http://www.w3.org/2002/07/owl#sameAs")), (s, p, o)
