"""Linked data: every IRI under ``/id/`` and ``/def`` dereferences, as an HTML page for
browsers and as Turtle, N-Triples or JSON-LD for machines.

The request path is resolved against the configured public base IRI, so the same graph
serves ``https://w3id.org/trendgraph/id/...`` and ``http://127.0.0.1:8000/id/...``;
links to our own IRIs are rewritten to local paths in HTML.
"""

from __future__ import annotations

from collections import OrderedDict

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from . import negotiate
from .http import ApiError, etag_for, not_modified, run_query, with_charset
from .publish import PREFIXES
from .querytext import with_values

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LABELS = (RDFS_LABEL, "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://purl.org/dc/terms/title")

DESCRIBE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT {
  ?this ?p ?o . ?o ?lp ?ol . ?p rdfs:label ?pl .
  ?s ?ip ?this . ?s ?slp ?sl . ?ip rdfs:label ?ipl .
}
WHERE {
  { ?this ?p ?o .
    OPTIONAL { VALUES ?lp { rdfs:label skos:prefLabel dcterms:title } ?o ?lp ?ol }
    OPTIONAL { ?p rdfs:label ?pl } }
  UNION
  { ?s ?ip ?this .
    OPTIONAL { VALUES ?slp { rdfs:label skos:prefLabel dcterms:title } ?s ?slp ?sl }
    OPTIONAL { ?ip rdfs:label ?ipl } }
}
"""

ONTOLOGY = """
CONSTRUCT { ?s ?p ?o } WHERE {
  ?s ?p ?o .
  FILTER (STRSTARTS(STR(?s), STR(?ns)))
}
"""

OFFERED = ("text/html", "text/turtle", "application/ld+json", "application/n-triples")


def register_linked_data(app: FastAPI) -> None:
    from .http_queries import _templates

    templates = _templates()
    base = app.state.settings.base_iri

    def local(iri: str) -> str | None:
        return "/" + iri[len(base):] if iri.startswith(base) else None

    def compact(iri: str) -> str:
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    async def dereference(request: Request, iri: str, sparql: str, html_subjects) -> Response:
        fmt = request.query_params.get("format")
        try:
            media = negotiate.choose(request.headers.get("accept"), OFFERED, fmt)
        except negotiate.NotAcceptable as exc:
            raise ApiError(406, str(exc)) from None
        etag = etag_for(request, media, iri)
        if not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        wire = "application/n-triples" if media == "text/html" else media
        reply = await run_query(request, sparql, wire, prefixes=PREFIXES)
        if reply.rows == 0:
            raise ApiError(404, f"nothing is known about <{iri}>")
        headers = {"ETag": etag, "Vary": "Accept"}
        if media != "text/html":
            return Response(reply.body, media_type=with_charset(media), headers=headers)
        triples = list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))
        html = render(iri, triples, html_subjects(triples))
        return HTMLResponse(html, headers=headers)

    def render(iri: str, triples, subjects: list[str]) -> str:
        labels: dict[str, str] = {}
        for t in triples:
            if t.predicate.value in LABELS and isinstance(t.object, ox.Literal):
                if t.subject.value not in labels or t.object.language == "nl":
                    labels[t.subject.value] = t.object.value

        def link(node) -> dict:
            if isinstance(node, ox.Literal):
                return {"text": node.value, "lang": node.language, "href": None}
            value = node.value
            href = local(value) or (value if value.startswith("http") else None)
            return {"text": labels.get(value, compact(value)), "iri": value, "href": href}

        sections = []
        for subject in subjects:
            outgoing: OrderedDict = OrderedDict()
            for t in sorted((t for t in triples if t.subject.value == subject),
                            key=lambda t: (t.predicate.value, str(t.object))):
                outgoing.setdefault(t.predicate.value, []).append(link(t.object))
            incoming = sorted(
                ((link(t.subject), link(t.predicate)) for t in triples
                 if isinstance(t.object, ox.NamedNode) and t.object.value == subject
                 and t.subject.value != subject),
                key=lambda sp: (sp[1]["text"], sp[0]["text"]))
            sections.append({
                "iri": subject, "title": labels.get(subject, compact(subject)),
                "local": local(subject) or subject,
                "anchor": subject.rsplit("#", 1)[-1] if "#" in subject else "top",
                "outgoing": [(link(ox.NamedNode(p)), v) for p, v in outgoing.items()],
                "incoming": incoming,
            })
        return templates.get_template("resource.html").render(
            title=sections[0]["title"] if sections else iri, sections=sections)

    @app.get("/id/{path:path}", summary="Dereference an IRI under /id/",
             description="HTML for browsers; Turtle, N-Triples or JSON-LD by Accept or format=.")
    async def resource(request: Request, path: str):
        iri = base + "id/" + path
        try:
            term = ox.NamedNode(iri)
        except ValueError:
            raise ApiError(400, f"not a valid IRI: {iri}") from None
        sparql = with_values(DESCRIBE, {"this": term})
        return await dereference(request, iri, sparql, lambda triples: [iri])

    @app.get("/def", summary="The trendgraph ontology",
             description="HTML for browsers (one section per term); Turtle, N-Triples or "
                         "JSON-LD by Accept or format=.")
    async def ontology(request: Request):
        ns = base + "def"
        sparql = with_values(ONTOLOGY, {"ns": ox.Literal(ns)})

        def subjects(triples):
            found = sorted({t.subject.value for t in triples if t.subject.value.startswith(ns)})
            return sorted(found, key=lambda s: (s != ns, s))

        return await dereference(request, ns, sparql, subjects)
