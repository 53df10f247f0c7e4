"""Load the ontology and curated Turtle into named graphs, remembering where each
subject came from so that a validation report can name the file to fix."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from .namespaces import G_LINKS, G_ONTOLOGY, G_VOCABULARY, report_graph
from .reports import REPORTS

ONTOLOGY_FILES = ("ontology/trendgraph.ttl", "ontology/skos-axioms.ttl")
SHAPES_FILE = "ontology/shapes.ttl"


class LoadError(Exception):
    """A file that cannot be read or parsed; the message names the file and line."""


@dataclass(frozen=True)
class InputFile:
    path: Path  # absolute
    relpath: str  # relative to the project root, with forward slashes
    graph: URIRef


@dataclass
class Loaded:
    dataset: Dataset
    files: list[InputFile]
    origin: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))

    def graph(self, iri: URIRef) -> Graph:
        return self.dataset.graph(iri)


def graph_for(relpath: str) -> URIRef:
    """Which named graph a data file belongs to: by its directory under data/."""
    parts = relpath.split("/")
    if parts[0] == "ontology":
        return G_ONTOLOGY
    if len(parts) > 2 and parts[1] in REPORTS:
        return report_graph(parts[1])
    if len(parts) > 2 and parts[1] == "links":
        return G_LINKS
    return G_VOCABULARY


def input_files(root: Path) -> list[InputFile]:
    """Every input of the build, in a stable order."""
    paths = [root / p for p in ONTOLOGY_FILES]
    paths += sorted((root / "data").rglob("*.ttl"))
    files = []
    for p in paths:
        rel = p.relative_to(root).as_posix()
        files.append(InputFile(p, rel, graph_for(rel)))
    return files


def parse_file(path: Path, relpath: str) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise LoadError(f"{relpath}: file not found") from exc
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        msg = " ".join(str(exc).split())
        raise LoadError(f"{relpath}: not valid Turtle: {msg[:400]}") from exc
    return g


def load(root: Path, files: list[InputFile] | None = None) -> Loaded:
    files = input_files(root) if files is None else files
    ds = Dataset()
    loaded = Loaded(ds, files)
    for f in files:
        g = parse_file(f.path, f.relpath)
        target = ds.graph(f.graph)
        for s, p, o in g:
            target.add((s, p, o))
            loaded.origin[s].add(f.relpath)
        for prefix, ns in g.namespaces():
            ds.bind(prefix, ns, override=False)
    return loaded


def load_shapes(root: Path) -> Graph:
    return parse_file(root / SHAPES_FILE, SHAPES_FILE)
