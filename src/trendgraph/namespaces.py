"""IRIs of the trendgraph vocabulary, its named graphs and the standards it reuses."""

from __future__ import annotations

from rdflib import Namespace

TG = Namespace("https://w3id.org/trendgraph/def#")
ID = Namespace("https://w3id.org/trendgraph/id/")
DOMEIN = Namespace("https://w3id.org/trendgraph/id/domein/")
GRAPH = Namespace("https://w3id.org/trendgraph/graph/")
IBIS = Namespace("https://vocab.methodandstructure.com/ibis#")
ORG = Namespace("http://www.w3.org/ns/org#")

SCHEME = ID["beleidsdomeinen"]
ONTOLOGY = "https://w3id.org/trendgraph/def"

# Named graphs of the published dataset.
G_ONTOLOGY = GRAPH["ontologie"]
G_VOCABULARY = GRAPH["vocabulaire"]
G_INFERRED = GRAPH["afgeleid"]
G_LINKS = GRAPH["links"]


def report_graph(slug: str):
    return GRAPH[slug]
