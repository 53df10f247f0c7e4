"""Write the published dataset: TriG and N-Quads, byte-identical for identical input.

N-Quads are written line by line in sorted order; TriG is serialised from those sorted
quads, so nothing depends on hash-set iteration order.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.serializers.nt import _nt_row

PREFIXES = {
    "tg": "https://w3id.org/trendgraph/def#",
    "domein": "https://w3id.org/trendgraph/id/domein/",
    "organisatie": "https://w3id.org/trendgraph/id/organisatie/",
    "gemeente": "https://w3id.org/trendgraph/id/gemeente/",
    "p31": "https://w3id.org/trendgraph/id/platform31-2025/",
    "tw": "https://w3id.org/trendgraph/id/trendweb-2025/",
    "graph": "https://w3id.org/trendgraph/graph/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "ibis": "https://vocab.methodandstructure.com/ibis#",
    "vann": "http://purl.org/vocab/vann/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "adms": "http://www.w3.org/ns/adms#",
}


def nquads(graphs: dict[URIRef, Graph]) -> str:
    lines = []
    for name, g in graphs.items():
        suffix = f" <{name}> .\n"
        for t in g:
            lines.append(_nt_row(t)[: -len(" .\n")] + suffix)
    lines.sort()
    return "".join(lines)


def trig(graphs: dict[URIRef, Graph]) -> str:
    """TriG of the named graphs, written by pyoxigraph from the sorted N-Quads, so the
    bytes depend only on the content (IRIs outside PREFIXES are written in full)."""
    import pyoxigraph as ox

    quads = ox.parse(nquads(graphs).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return ox.serialize(quads, format=ox.RdfFormat.TRIG,
                        prefixes=dict(sorted(PREFIXES.items()))).decode("utf-8")


def write(graphs: dict[URIRef, Graph], directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "trig": directory / "trendgraph.trig",
        "nq": directory / "trendgraph.nq",
    }
    files["trig"].write_text(trig(graphs), encoding="utf-8")
    files["nq"].write_text(nquads(graphs), encoding="utf-8")
    return files


def read_dataset(nq_path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(nq_path, format="nquads")
    return ds
