"""The ontology parses, documents every term in Dutch and English, and stays OWL RL-friendly."""

from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from trendgraph.namespaces import TG

REQUIRED_CLASSES = {"Rapport", "Sectie", "Trend", "Opgave", "Handelingsperspectief", "Dilemma",
                    "Koppelkans", "Beleidsdomein", "Bron"}
REQUIRED_PROPERTIES = {"raaktDomein", "citaat", "beschrevenIn", "onderdeelVan", "leidtTot",
                       "handelingsperspectiefVoor", "kentDilemma", "positie", "verbindt",
                       "onderbouwdDoor", "voetnoot", "verwijstNaar", "gerelateerdAan",
                       "vergelijkbaarMet"}


def ontology(root) -> Graph:
    return Graph().parse(root / "ontology" / "trendgraph.ttl")


def tg_terms(g: Graph):
    return {s for s in g.subjects(RDF.type, None) if str(s).startswith(str(TG))}


def test_required_terms_exist(root):
    g = ontology(root)
    names = {str(t)[len(str(TG)):] for t in tg_terms(g)}
    assert REQUIRED_CLASSES <= names
    assert REQUIRED_PROPERTIES <= names


def test_every_term_has_nl_and_en_label_and_definition(root):
    g = ontology(root)
    missing = []
    for term in tg_terms(g):
        langs = {l.language for l in g.objects(term, RDFS.label) if isinstance(l, Literal)}
        if not {"nl", "en"} <= langs:
            missing.append(f"{term}: labels {langs}")
        if not list(g.objects(term, SKOS.definition)):
            missing.append(f"{term}: no definition")
    assert not missing, "\n".join(missing)


def test_ontology_header(root):
    g = ontology(root)
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    from rdflib.namespace import DCTERMS
    titles = {l.language for l in g.objects(onto, DCTERMS.title)}
    assert {"nl", "en"} <= titles
    assert {"nl", "en"} <= {l.language for l in g.objects(onto, DCTERMS.description)}
    assert g.value(onto, OWL.versionInfo) is not None
    assert str(g.value(onto, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert g.value(onto, DCTERMS.creator) is not None


def test_alignment_with_standards(root):
    g = ontology(root)
    ibis = "https://vocab.methodandstructure.com/ibis#"
    assert (TG.Dilemma, RDFS.subClassOf, TG.Item) in g
    assert any(str(o) == ibis + "Issue" for o in g.objects(TG.Dilemma, RDFS.subClassOf))
    assert any(str(o) == ibis + "Position" for o in g.objects(TG.Positie, RDFS.subClassOf))
    assert any(str(o) == "http://www.w3.org/ns/prov#Entity" for o in g.objects(TG.Bron, RDFS.subClassOf))
    assert (TG.Beleidsdomein, RDFS.subClassOf, SKOS.Concept) in g
    assert (TG.verwijstNaar, RDFS.subPropertyOf, TG.gerelateerdAan) in g
    assert (TG.gerelateerdAan, RDF.type, OWL.SymmetricProperty) in g
    assert (TG.vergelijkbaarMet, RDF.type, OWL.SymmetricProperty) in g
    assert (TG.leidtTot, OWL.inverseOf, TG.volgtUit) in g


def test_owl_rl_friendly(root):
    g = ontology(root)
    forbidden = [OWL.propertyChainAxiom, OWL.cardinality, OWL.minCardinality, OWL.maxCardinality,
                 OWL.qualifiedCardinality, OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality]
    used = [p for p in forbidden if list(g.subject_objects(p))]
    assert not used, f"not OWL 2 RL-friendly: {used}"


def test_domain_scheme_has_required_slugs(root):
    g = Graph().parse(root / "data" / "beleidsdomeinen.ttl")
    slugs = {str(n) for n in g.objects(None, SKOS.notation)}
    required = {"demografie", "bestuur", "klimaat", "klimaatadaptatie", "energietransitie", "energie",
                "natuur-en-milieu", "circulaire-economie", "economie", "arbeidsmarkt",
                "bestaanszekerheid", "zorg-en-gezondheid", "jeugd-en-onderwijs", "wonen",
                "woningbouw", "woningmarkt", "ruimte", "mobiliteit", "veiligheid", "digitalisering",
                "financien", "sport-en-cultuur", "sociale-cohesie", "geopolitiek"}
    assert required <= slugs, required - slugs
    d = "https://w3id.org/trendgraph/id/domein/"
    from rdflib import URIRef
    for narrow, broad in [("klimaatadaptatie", "klimaat"), ("energietransitie", "klimaat"),
                          ("woningbouw", "wonen"), ("woningmarkt", "wonen")]:
        assert (URIRef(d + narrow), SKOS.broader, URIRef(d + broad)) in g
