"""SHACL validation of the asserted graph.

We validate what curators wrote (data plus the ontology, so that sh:targetClass sees
rdfs:subClassOf), not the OWL RL closure: rdfs:range axioms would infer that a
mistyped domain IRI is a tg:Beleidsdomein and the error would pass unseen. pySHACL's
own inference is off for the same reason, and because it would be slow.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from .load import Loaded
from .namespaces import G_INFERRED

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    source_file: str
    focus: str
    path: str
    message: str
    value: str
    severity: str

    def render(self) -> str:
        lines = [f"{self.source_file}: {self.focus}"]
        if self.path:
            lines.append(f"    path:    {self.path}")
        if self.value:
            lines.append(f"    value:   {self.value}")
        lines.append(f"    message: {self.message}")
        return "\n".join(lines)


def asserted_graph(loaded: Loaded) -> Graph:
    """All asserted triples (every named graph but the inferred one) in one graph."""
    g = Graph()
    for ctx in loaded.dataset.graphs():
        if ctx.identifier == G_INFERRED:
            continue
        for t in ctx:
            g.add(t)
    return g


def _path_text(results: Graph, node) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return results.namespace_manager.normalizeUri(node)
    # a complex path (alternative, inverse, one-or-more): show its Turtle shape
    parts = []
    for p, o in results.predicate_objects(node):
        if p == SH.alternativePath:
            items = list(results.items(o))
            return " | ".join(_path_text(results, i) for i in items)
        parts.append(f"{results.namespace_manager.normalizeUri(p)} {_path_text(results, o)}")
    return "[" + "; ".join(parts) + "]"


def validate(loaded: Loaded, shapes: Graph) -> list[Violation]:
    import pyshacl

    data = asserted_graph(loaded)
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
    )
    if conforms:
        return []
    for prefix, ns in loaded.dataset.namespaces():
        results.bind(prefix, ns, override=False)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        files = sorted(loaded.origin.get(focus, {"(no file)"}))
        value = results.value(r, SH.value)
        out.append(
            Violation(
                source_file=", ".join(files),
                focus=str(focus),
                path=_path_text(results, results.value(r, SH.resultPath)),
                message=str(results.value(r, SH.resultMessage) or ""),
                value="" if value is None else str(value),
                severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return sorted(set(out))
