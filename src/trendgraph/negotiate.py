"""HTTP content negotiation: the Accept header with q-values, a ``format=`` parameter,
or a file suffix, mapped onto the media types we can produce."""

from __future__ import annotations

SELECT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
HTML = "text/html"

# format= values and URL suffixes
ALIASES = {
    "json": "application/sparql-results+json", "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "ttl": "text/turtle", "turtle": "text/turtle", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "jsonld": "application/ld+json",
    "html": HTML,
}
# media types clients use that mean the same as ours
SYNONYMS = {"application/json": "application/sparql-results+json",
            "application/xml": "application/sparql-results+xml",
            "text/xml": "application/sparql-results+xml",
            "application/x-turtle": "text/turtle", "text/n3": "text/turtle",
            "text/plain": "application/n-triples"}


class NotAcceptable(Exception):
    pass


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first (stable for equal q)."""
    if not header:
        return [("*/*", 1.0)]
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((media, q, -i))
    out.sort(key=lambda t: (t[1], t[2]), reverse=True)
    return [(m, q) for m, q, _ in out]


def choose(accept: str | None, offered: tuple[str, ...], fmt: str | None = None) -> str:
    """The best of ``offered`` for this request; ``format=`` wins over Accept."""
    if fmt:
        media = ALIASES.get(fmt.lower(), fmt.lower())
        for candidate in (media, SYNONYMS.get(media), "application/json" if fmt == "json" else None):
            if candidate in offered:
                return candidate
        raise NotAcceptable(f"format '{fmt}' is not available here; use one of "
                            + ", ".join(sorted(k for k, v in ALIASES.items() if v in offered)))
    for media, q in parse_accept(accept):
        if q <= 0:
            continue
        if media == "*/*":
            return offered[0]
        if media.endswith("/*"):
            for o in offered:
                if o.startswith(media[:-1]):
                    return o
        for candidate in (media, SYNONYMS.get(media)):
            if candidate in offered:
                return candidate
    raise NotAcceptable("none of the Accept header's media types can be produced; available: "
                        + ", ".join(offered))
