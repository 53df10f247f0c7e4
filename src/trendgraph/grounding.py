"""Check that every ``tg:citaat`` really occurs in its report.

A quote is evidence only if a reader can find it. Matching is done on a canonical
form of both the quote and the report text, so that extraction noise (soft hyphens at
line ends, words split over lines, running headers, page lines, glued footnote
markers, typographic quote characters) neither hides a true quote nor needs to be
copied into the data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .reports import REPORTS, Report, report_for_iri

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
# Footnote markers glued to a word or punctuation: "toegerust.8", "gebiedsontwikkeling.14,15".
_MARKER = re.compile(r"(?<=[^\W\d_]|[.,;:)’'”?!])\d{1,3}(?:,\d{1,3})*(?=[\s,.;:)]|$)")
_DROP = re.compile(r"[\s\-\u00ad\u2010\u2011\u2012\u2013\u2014]+")


def canonical(text: str) -> str:
    """The form in which quote and report are compared: no layout, no markers."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _MARKER.sub("", text)
    return _DROP.sub("", text)


def clean_source(text: str, report: Report) -> str:
    """Report text without its noise lines, so quotes may span a page break."""
    kept = [
        line
        for line in text.splitlines()
        if not any(p.match(line) for p in report.noise_lines)
    ]
    return "\n".join(kept)


@lru_cache(maxsize=4)
def _canonical_report(path: str, slug: str) -> str:
    text = Path(path).read_text(encoding="utf-8")
    return canonical(clean_source(text, REPORTS[slug]))


def quote_occurs(quote: str, report: Report, sources: Path) -> bool:
    haystack = _canonical_report(str(sources / report.source_file), report.slug)
    return canonical(quote) in haystack


@dataclass(frozen=True)
class Ungrounded:
    item: str
    quote: str
    reason: str


def check_graph(graph, sources: Path) -> tuple[int, list[Ungrounded]]:
    """Check every tg:citaat in ``graph``; return (quotes checked, failures)."""
    from rdflib import URIRef

    citaat = URIRef("https://w3id.org/trendgraph/def#citaat")
    checked, failures = 0, []
    for item, quote in sorted(graph.subject_objects(citaat)):
        checked += 1
        report = report_for_iri(str(item))
        if report is None:
            failures.append(Ungrounded(str(item), str(quote), "IRI names no known report"))
        elif not quote_occurs(str(quote), report, sources):
            failures.append(Ungrounded(str(item), str(quote), f"not found in {report.source_file}"))
    return checked, failures


def report(failures: list[Ungrounded], checked: int) -> None:
    """Print the quotes not found, then a count line."""
    for f in failures:
        print(f"QUOTE NOT FOUND  {f.item}\n    {f.quote[:200]}\n    ({f.reason})")
    print(f"quotes: {checked} checked, {len(failures)} not found")
