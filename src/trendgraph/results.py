"""Serialise query results: SPARQL 1.1 JSON, XML, CSV and TSV for SELECT/ASK,
Turtle, N-Triples and JSON-LD for graphs, plus a plain-text table for the terminal."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .store import Result, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(t: Term) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype.value != XSD_STRING:
        d["datatype"] = t.datatype.value
    return d


def to_json(r: Result) -> str:
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": r.boolean})
    bindings = [
        {v: _json_term(t) for v, t in zip(r.variables, row) if t is not None} for row in r.rows
    ]
    return json.dumps({"head": {"vars": r.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
    if t.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
    return f"<literal>{escape(t.value)}</literal>"


def to_xml(r: Result) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n']
    if r.kind == "ask":
        out.append(f"  <head/>\n  <boolean>{'true' if r.boolean else 'false'}</boolean>\n")
    else:
        out.append("  <head>\n")
        out += [f"    <variable name={quoteattr(v)}/>\n" for v in r.variables]
        out.append("  </head>\n  <results>\n")
        for row in r.rows:
            out.append("    <result>\n")
            for v, t in zip(r.variables, row):
                if t is not None:
                    out.append(f"      <binding name={quoteattr(v)}>{_xml_term(t)}</binding>\n")
            out.append("    </result>\n")
        out.append("  </results>\n")
    out.append("</sparql>\n")
    return "".join(out)


def plain(t: Term | None) -> str:
    """The CSV form of a term (SPARQL 1.1 CSV: the bare value)."""
    if t is None:
        return ""
    return t.value


def to_csv(r: Result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if r.boolean else "false"])
    else:
        w.writerow(r.variables)
        for row in r.rows:
            w.writerow([plain(t) for t in row])
    return buf.getvalue()


def _tsv_term(t: Term | None) -> str:
    if t is None:
        return ""
    return str(t).replace("\t", "\\t").replace("\n", "\\n")


def to_tsv(r: Result) -> str:
    if r.kind == "ask":
        return "?boolean\n" + ("true" if r.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in r.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in r.rows]
    return "\n".join(lines) + "\n"


def to_table(r: Result, width: int = 60) -> str:
    if r.kind == "ask":
        return "true\n" if r.boolean else "false\n"

    def cell(t):
        s = " ".join(plain(t).split())
        return s if len(s) <= width else s[: width - 1] + "…"

    rows = [[cell(t) for t in row] for row in r.rows]
    widths = [max([len(v)] + [len(row[i]) for row in rows]) for i, v in enumerate(r.variables)]
    fmt = " | ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*r.variables), "-+-".join("-" * w for w in widths)]
    out += [fmt.format(*row) for row in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


def to_rdf(r: Result, media_type: str, prefixes: dict[str, str] | None = None) -> str:
    if media_type == "application/ld+json":
        return to_jsonld(r.triples)
    fmt = RDF_FORMATS[media_type]
    kwargs = {"prefixes": dict(sorted(prefixes.items()))} if prefixes and fmt == ox.RdfFormat.TURTLE else {}
    return ox.serialize(r.triples, format=fmt, **kwargs).decode("utf-8")


def to_jsonld(triples) -> str:
    """Expanded JSON-LD (one node object per subject), without a remote context."""
    nodes: dict[str, dict] = {}

    def ident(t) -> str:
        return t.value if isinstance(t, ox.NamedNode) else "_:" + t.value

    for t in triples:
        node = nodes.setdefault(ident(t.subject), {"@id": ident(t.subject)})
        p = t.predicate.value
        o = t.object
        if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and isinstance(o, ox.NamedNode):
            node.setdefault("@type", []).append(o.value)
            continue
        if isinstance(o, ox.Literal):
            v = {"@value": o.value}
            if o.language:
                v["@language"] = o.language
            elif o.datatype.value != XSD_STRING:
                v["@type"] = o.datatype.value
        else:
            v = {"@id": ident(o)}
        node.setdefault(p, []).append(v)
    return json.dumps(list(nodes.values()), ensure_ascii=False, indent=1)


SELECT_WRITERS = {
    "application/sparql-results+json": to_json,
    "application/sparql-results+xml": to_xml,
    "text/csv": to_csv,
    "text/tab-separated-values": to_tsv,
}
