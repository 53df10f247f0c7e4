"""Bind parameter values into a SPARQL query as a VALUES block of typed RDF terms.

The user's value never becomes query syntax: it is first a pyoxigraph term (an IRI is
validated by pyoxigraph, a literal is escaped by its N-Triples serialiser), and only the
term's canonical serialisation is placed in a ``VALUES`` block at the start of the
query's top-level WHERE group. That is the SPARQL 1.1 way to pre-bind a variable, and it
works on any SPARQL 1.1 engine, local or remote. (pyoxigraph's own substitutions refuse
variables that are not projected, which rules out aggregate queries.)
"""

from __future__ import annotations

import re

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class BindError(ValueError):
    """The query has no top-level WHERE group to bind into."""


def mask(query: str) -> str:
    """The query with comments and string literals blanked to spaces (same length, so
    indices still match), and IRIs blanked inside their angle brackets. What is left is
    syntax that keyword and brace scans can trust."""
    out, i, n = list(query), 0, len(query)

    def blank(a: int, b: int) -> None:
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif c in "\"'":
            quote = query[i:i + 3] if query[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            blank(i, j + len(quote))
            i = j + len(quote)
        elif c == "<":
            # an IRI has no spaces; a comparison operator is followed by space or '='
            j = i + 1
            while j < n and query[j] not in "> \t\n\r=":
                j += 1
            if j < n and query[j] == ">":
                blank(i + 1, j)
                i = j + 1
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def _top_level_where_brace(query: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group. For ``SELECT * { ... }``
    (WHERE omitted) it is the first top-level brace; for CONSTRUCT, the brace after the
    template."""
    masked = mask(query)
    upper = masked.upper()
    construct = re.search(r"\bCONSTRUCT\b", upper)
    depth = 0
    skipped_template = False
    for i, c in enumerate(masked):
        if c == "{":
            if depth == 0:
                is_template = (construct is not None and construct.start() < i
                               and not skipped_template and not upper[:i].rstrip().endswith("WHERE"))
                if is_template:
                    skipped_template = True
                else:
                    return i
            depth += 1
        elif c == "}":
            depth -= 1
    raise BindError("the query has no WHERE group to bind parameters into")


def serialise(term: Term) -> str:
    """The term in N-Triples syntax, which SPARQL accepts as-is."""
    return str(term)


def with_values(query: str, bindings: dict[str, Term]) -> str:
    """``query`` with a one-row VALUES block binding each variable to its term."""
    if not bindings:
        return query
    names = sorted(bindings)
    block = ("VALUES (" + " ".join("?" + n for n in names) + ") { ("
             + " ".join(serialise(bindings[n]) for n in names) + ") } ")
    at = _top_level_where_brace(query) + 1
    return query[:at] + " " + block + query[at:]


_FORM = re.compile(r"(?i)\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b")
_PROLOGUE = re.compile(r"(?is)\b(PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)")
_SERVICE = re.compile(r"(?i)\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\?\w+|\$\w+|[^\s{]*)")
_UPDATE = re.compile(r"(?i)^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b")


def query_form(query: str) -> str | None:
    """select, construct, ask or describe; None when the text is no query (an update?)."""
    body = _PROLOGUE.sub(" ", mask(query))
    if _UPDATE.match(body):
        return None
    m = _FORM.search(body)
    return m.group(1).lower() if m else None


def service_targets(query: str) -> list[str]:
    """The endpoints named by SERVICE clauses (IRIs without <>, or the variable)."""
    masked = mask(query)  # IRIs are blanked in the mask: read them from the query itself
    return [query[m.start(1):m.end(1)].strip("<>") for m in _SERVICE.finditer(masked)]


SERVICE_ALIAS = re.compile(r"<urn:trendgraph:service:([A-Za-z0-9-]+)>")


def resolve_service_aliases(query: str, services: dict[str, str]) -> str:
    """Replace ``<urn:trendgraph:service:NAME>`` by the endpoint configured for NAME.

    Saved queries name external services this way so that the same file works on any
    deployment; an unknown NAME is an error, not a silent empty result."""
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in services:
            raise KeyError(name)
        return f"<{services[name]}>"

    return SERVICE_ALIAS.sub(sub, query)
