"""``trendgraph export``: the built graph in the format a user asks for.

TriG and N-Quads keep the named graphs; Turtle and JSON-LD give their union (the
default graph a SPARQL user sees). JSON-LD is compacted with ``ontology/context.jsonld``,
so that keys read as the Dutch terms of the ontology (``citaat``, ``raaktDomein``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

FORMATS = {"trig": "trendgraph.trig", "nq": "trendgraph.nq", "ttl": "trendgraph.ttl",
           "jsonld": "trendgraph.jsonld"}
MEDIA_TYPES = {"trig": "application/trig", "nq": "application/n-quads",
               "ttl": "text/turtle", "jsonld": "application/ld+json"}


def union_triples(nq: Path) -> list[ox.Triple]:
    """Every distinct triple of every named graph, in a stable order."""
    seen = {}
    for quad in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
        t = quad.triple
        seen.setdefault(str(t), t)
    return [seen[k] for k in sorted(seen)]


def turtle(triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                        prefixes=dict(sorted(prefixes.items())))


def jsonld(triples: list[ox.Triple], context_file: Path) -> bytes:
    from rdflib import Graph

    context = json.loads(context_file.read_text(encoding="utf-8"))["@context"]
    g = Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=data.decode("utf-8"), format="nt")
    text = g.serialize(format="json-ld", context=context, auto_compact=True)
    # rdflib orders nodes by its store; sort the @graph for byte-identical output
    doc = json.loads(text)
    if isinstance(doc.get("@graph"), list):
        doc["@graph"].sort(key=lambda n: n.get("id", n.get("@id", "")))
    doc["@context"] = context  # inline, so that the file stands on its own
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_all(dist: Path, root: Path, prefixes: dict[str, str]) -> None:
    """Write the union formats next to the TriG and N-Quads the build wrote."""
    triples = union_triples(dist / FORMATS["nq"])
    (dist / FORMATS["ttl"]).write_bytes(turtle(triples, prefixes))
    (dist / FORMATS["jsonld"]).write_bytes(jsonld(triples, root / "ontology" / "context.jsonld"))
