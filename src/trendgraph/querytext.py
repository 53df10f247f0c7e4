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


def _top_level_where_brace(query: str) -> int:
    """Index of the ``{`` that opens the query's WHERE group, skipping comments,
    strings and IRIs. For ``SELECT * { ... }`` (WHERE omitted) it is the first brace
    after the projection; for CONSTRUCT it is the brace after the template."""
    i, n = 0, len(query)
    depth = 0
    seen_construct_template = False
    is_construct = False
    upper = query.upper()
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            triple = query[i:i + 3] in ('"""', "'''")
            quote = query[i:i + 3] if triple else c
            j = i + len(quote)
            while j < n:
                if query[j] == "\\":
                    j += 2
                    continue
                if query.startswith(quote, j):
                    break
                j += 1
            i = j + len(quote)
            continue
        if c == "<":
            # an IRI has no spaces; a comparison operator is followed by space or '='
            j = i + 1
            while j < n and query[j] not in "> \t\n\r=":
                j += 1
            if j < n and query[j] == ">":
                i = j + 1
                continue
        if depth == 0 and upper.startswith("CONSTRUCT", i):
            is_construct = True
        if c == "{":
            if depth == 0:
                if is_construct and not seen_construct_template and not upper[:i].rstrip().endswith("WHERE"):
                    seen_construct_template = True
                else:
                    return i
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
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


def strip_comments_and_strings(query: str) -> str:
    """The query with comments removed and strings and IRIs blanked, for keyword scans."""
    out, i, n = [], 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            triple = query[i:i + 3] in ('"""', "'''")
            quote = query[i:i + 3] if triple else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            out.append('""')
            i = j + len(quote)
            continue
        if c == "<":
            j = i + 1
            while j < n and query[j] not in "> \t\n\r=":
                j += 1
            if j < n and query[j] == ">":
                out.append(query[i:j + 1])
                i = j + 1
                continue
        out.append(c)
        i += 1
    return "".join(out)


_FORM = re.compile(r"(?i)\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b")
_PROLOGUE = re.compile(r"(?is)\b(PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)")
_SERVICE = re.compile(r"(?i)\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\?\w+|\$\w+|[^\s{]*)")
_UPDATE = re.compile(r"(?i)^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b")


def query_form(query: str) -> str | None:
    """select, construct, ask or describe; None when the text is no query (an update?)."""
    body = _PROLOGUE.sub(" ", strip_comments_and_strings(query))
    if _UPDATE.match(body):
        return None
    m = _FORM.search(body)
    return m.group(1).lower() if m else None


def service_targets(query: str) -> list[str]:
    """The endpoints named by SERVICE clauses (IRIs without <>, or the variable)."""
    body = strip_comments_and_strings(query)
    return [m.group(1).strip("<>") for m in _SERVICE.finditer(body)]


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
