"""Counts that tell a curator how complete the graph is."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .namespaces import TG

CONTENT_CLASSES = ("Trend", "Opgave", "Handelingsperspectief", "Dilemma", "Koppelkans",
                   "Positie", "Bron", "Sectie", "Rapport", "Beleidsdomein", "Gemeente")


def instances_per_class(graph: Graph) -> dict[str, int]:
    """Asserted and inferred ``rdf:type`` counts for the tg: classes."""
    counts = Counter()
    for cls in CONTENT_CLASSES:
        counts[f"tg:{cls}"] = len(set(graph.subjects(RDF.type, TG[cls])))
    return dict(counts)


def items_per_section(graph: Graph, report_iri: URIRef) -> list[tuple[str, str, dict[str, int]]]:
    """Per top-level section (chapter or topic) of a report: notation, title and
    item counts per class, counting items in its sub-sections too."""
    q = """
    PREFIX tg: <https://w3id.org/trendgraph/def#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?chapter ?notation ?title ?cls (COUNT(DISTINCT ?item) AS ?n) WHERE {
        ?chapter tg:onderdeelVan ?report ; dcterms:title ?title .
        OPTIONAL { ?chapter skos:notation ?notation }
        OPTIONAL {
            ?item tg:beschrevenIn ?s ; a ?cls .
            ?s tg:onderdeelVan* ?chapter .
            VALUES ?cls { tg:Trend tg:Opgave tg:Handelingsperspectief tg:Dilemma tg:Koppelkans }
        }
    } GROUP BY ?chapter ?notation ?title ?cls
    """
    rows: dict[str, tuple[str, str, dict[str, int]]] = {}
    for chapter, notation, title, cls, n in graph.query(q, initBindings={"report": report_iri}):
        key = str(chapter)
        entry = rows.setdefault(key, (str(notation or ""), str(title), {}))
        if cls is not None:
            entry[2][str(cls).rsplit("#", 1)[-1]] = int(n)
    return sorted(rows.values(), key=_section_sort_key)


def _section_sort_key(row):
    notation = row[0]
    if notation.isdigit():
        return (0, int(notation), "")
    return (1 if notation else 2, 0, notation or row[1])
