"""Describe the published dataset: DCAT-AP-NL 3.0 (catalogue, dataset, one distribution
per download format, the SPARQL endpoint as a data service) and VoID (size, classes,
properties, and the linksets declared in data/links/).

Everything is derived from the built graph and the links it carries (TOOI themes come
from the domains' TOOI matches), so the description cannot drift from the data.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from .export import FORMATS, MEDIA_TYPES
from .namespaces import G_LINKS

VOID = Namespace("http://rdfs.org/ns/void#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
IANA = "https://www.iana.org/assignments/media-types/"
BASE = "https://w3id.org/trendgraph/"
DATASET = URIRef(BASE + "id/dataset/trendgraph")
CATALOG = URIRef(BASE + "id/catalogus")
PUBLISHER = URIRef(BASE + "id/organisatie/trendgraph")
SERVICE = URIRef(BASE + "sparql")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
TOOI_THEMES = "https://identifier.overheid.nl/tooi/def/thes/top/"
EU_FORMATS = {"trig": "RDF_TRIG", "nq": "RDF_N_QUADS", "ttl": "RDF_TURTLE", "jsonld": "JSON_LD"}
LABELS = {"trig": "TriG (met named graphs)", "nq": "N-Quads (met named graphs)",
          "ttl": "Turtle (vereniging van alle graphs)",
          "jsonld": "JSON-LD (vereniging van alle graphs, Nederlandse context)"}


def _graph() -> Graph:
    g = Graph()
    for p, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("void", VOID),
                  ("vcard", VCARD), ("skos", SKOS), ("xsd", XSD)):
        g.bind(p, ns)
    return g


def _nl_en(g: Graph, s, p, nl: str, en: str) -> None:
    g.add((s, p, Literal(nl, lang="nl")))
    g.add((s, p, Literal(en, lang="en")))


def catalog(union: Graph, dist: Path) -> Graph:
    g = _graph()
    g.add((CATALOG, RDF.type, DCAT.Catalog))
    _nl_en(g, CATALOG, DCTERMS.title, "Catalogus van trendgraph", "trendgraph catalogue")
    _nl_en(g, CATALOG, DCTERMS.description, "De datasets die trendgraph publiceert.",
           "The datasets trendgraph publishes.")
    g.add((CATALOG, DCTERMS.publisher, PUBLISHER))
    g.add((CATALOG, DCTERMS.license, LICENSE))
    g.add((CATALOG, DCAT.dataset, DATASET))
    g.add((CATALOG, DCAT.service, SERVICE))
    g.add((PUBLISHER, RDF.type, FOAF.Agent))
    g.add((PUBLISHER, FOAF.name, Literal("trendgraph", lang="nl")))

    d = DATASET
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.identifier, Literal(str(d))))
    _nl_en(g, d, DCTERMS.title, "trendgraph: kennisgraaf van gemeentelijke trendstudies",
           "trendgraph: knowledge graph of Dutch municipal trend reports")
    _nl_en(g, d, DCTERMS.description,
           "Trends, opgaven, handelingsperspectieven, dilemma's en koppelkansen uit de "
           "Platform31-trendstudie voor de G40 (2025) en het Trendweb 2025 van Trendbureau "
           "Overijssel, met beleidsdomeinen, letterlijke citaten, secties en bronnen, voor de "
           "collegeperiode 2026-2030.",
           "Trends, municipal tasks, courses of action, dilemmas and cross-domain opportunities "
           "from Platform31's G40 trend report (2025) and Trendbureau Overijssel's Trendweb "
           "2025, with policy domains, verbatim quotes, sections and sources, for the 2026-2030 "
           "council term.")
    g.add((d, DCTERMS.publisher, PUBLISHER))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCTERMS.language,
           URIRef("http://publications.europa.eu/resource/authority/language/NLD")))
    contact = URIRef(BASE + "id/organisatie/trendgraph#contact")
    g.add((d, DCAT.contactPoint, contact))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, VCARD.fn, Literal("trendgraph")))
    g.add((contact, VCARD.hasURL, URIRef(BASE)))
    period = URIRef(BASE + "id/dataset/trendgraph#periode")
    g.add((d, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal("2026", datatype=XSD.gYear)))
    g.add((period, DCAT.endDate, Literal("2030", datatype=XSD.gYear)))
    for report in sorted(union.subjects(RDF.type,
                                        URIRef("https://w3id.org/trendgraph/def#Rapport"))):
        g.add((d, DCTERMS.source, report))
    themes = sorted({o for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
                     for _, o in union.subject_objects(p) if str(o).startswith(TOOI_THEMES)})
    for t in themes:
        g.add((d, DCAT.theme, t))
    for fmt, name in FORMATS.items():
        dist_iri = URIRef(f"{BASE}id/dataset/trendgraph/distributie/{fmt}")
        url = URIRef(f"{BASE}download/{name}")
        g.add((d, DCAT.distribution, dist_iri))
        g.add((dist_iri, RDF.type, DCAT.Distribution))
        g.add((dist_iri, DCTERMS.title, Literal(LABELS[fmt], lang="nl")))
        g.add((dist_iri, DCAT.accessURL, url))
        g.add((dist_iri, DCAT.downloadURL, url))
        g.add((dist_iri, DCAT.mediaType, URIRef(IANA + MEDIA_TYPES[fmt])))
        g.add((dist_iri, DCTERMS.format, FILE_TYPE[EU_FORMATS[fmt]]))
        g.add((dist_iri, DCTERMS.license, LICENSE))
        if (dist / name).exists():
            g.add((dist_iri, DCAT.byteSize,
                   Literal((dist / name).stat().st_size, datatype=XSD.nonNegativeInteger)))
    g.add((SERVICE, RDF.type, DCAT.DataService))
    _nl_en(g, SERVICE, DCTERMS.title, "SPARQL 1.1-endpoint van trendgraph",
           "trendgraph SPARQL 1.1 endpoint")
    g.add((SERVICE, DCAT.endpointURL, SERVICE))
    g.add((SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((SERVICE, DCAT.servesDataset, d))
    g.add((SERVICE, DCTERMS.license, LICENSE))
    return g


def void(union: Graph, graphs: dict, links_dir: Path | None = None) -> Graph:
    g = _graph()
    d = DATASET
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, DCTERMS.title, Literal("trendgraph", lang="nl")))
    classes = Counter(union.objects(None, RDF.type))
    properties = Counter(p for _, p, _ in union)
    g.add((d, VOID.triples, Literal(len(union), datatype=XSD.integer)))
    g.add((d, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    g.add((d, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    g.add((d, VOID.distinctSubjects, Literal(len(set(union.subjects())), datatype=XSD.integer)))
    g.add((d, VOID.sparqlEndpoint, SERVICE))
    g.add((d, VOID.uriSpace, Literal(BASE + "id/")))
    g.add((d, VOID.vocabulary, URIRef(BASE + "def#")))
    for fmt in ("trig", "nq"):
        g.add((d, VOID.dataDump, URIRef(f"{BASE}download/{FORMATS[fmt]}")))
    for cls, n in sorted(classes.items()):
        part = URIRef(f"{BASE}id/dataset/trendgraph/klasse/{_slug(cls)}")
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for prop, n in sorted(properties.items()):
        part = URIRef(f"{BASE}id/dataset/trendgraph/eigenschap/{_slug(prop)}")
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(n, datatype=XSD.integer)))
    links = graphs.get(G_LINKS)
    if links is None or links_dir is None:
        return g
    # a linkset counts the links of its own file (one file per linkset, or a few)
    for path in sorted(links_dir.glob("*.ttl")):
        own = Graph().parse(path, format="turtle")
        for linkset in sorted(own.subjects(RDF.type, VOID.Linkset)):
            g.add((d, VOID.subset, linkset))
            for t in links.triples((linkset, None, None)):
                g.add(t)
            spaces = []
            for target in links.objects(linkset, VOID.objectsTarget):
                for t in links.triples((target, None, None)):
                    g.add(t)
                space = links.value(target, VOID.uriSpace)
                if space:
                    spaces.append(str(space))
            n = sum(1 for pred in own.objects(linkset, VOID.linkPredicate)
                    for _, o in own.subject_objects(pred)
                    if any(str(o).startswith(sp) for sp in spaces))
            g.add((linkset, VOID.triples, Literal(n, datatype=XSD.integer)))
    return g


def _slug(iri) -> str:
    s = str(iri)
    if s.startswith("https://w3id.org/trendgraph/def#"):
        return "tg-" + s.split("#", 1)[1]
    return re.sub(r"[^A-Za-z0-9]+", "-", s.split("://", 1)[-1]).strip("-")


def write(union: Graph, graphs: dict, dist: Path, links_dir: Path | None = None) -> None:
    for name, g in (("catalog.ttl", catalog(union, dist)),
                    ("void.ttl", void(union, graphs, links_dir))):
        (dist / name).write_text(g.serialize(format="turtle"), encoding="utf-8")
