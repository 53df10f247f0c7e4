"""IRIs of the trendgraph vocabulary, its named graphs and the standards it reuses."""

from __future__ import annotations

from rdflib import Namespace

TG = Namespace("https://w3id.org/trendgraph/def#")
GRAPH = Namespace("https://w3id.org/trendgraph/graph/")

# Named graphs of the published dataset.
G_ONTOLOGY = GRAPH["ontologie"]
G_VOCABULARY = GRAPH["vocabulaire"]
G_INFERRED = GRAPH["afgeleid"]
G_LINKS = GRAPH["links"]


def report_graph(slug: str):
    return GRAPH[slug]
