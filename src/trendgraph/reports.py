"""The reports trendgraph models, and what the extraction noise of each looks like.

One place for the facts about a report that code needs: its IRI slug, its source
file, and the lines of its plain-text extraction that are layout, not text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ID_BASE = "https://w3id.org/trendgraph/id/"


@dataclass(frozen=True)
class Report:
    slug: str
    source_file: str
    # Whole lines that are running headers, page numbers or navigation.
    noise_lines: tuple[re.Pattern[str], ...] = field(default_factory=tuple)

    @property
    def iri(self) -> str:
        return f"{ID_BASE}{self.slug}"

    @property
    def item_prefix(self) -> str:
        return f"{ID_BASE}{self.slug}/"


REPORTS: dict[str, Report] = {
    r.slug: r
    for r in (
        Report(
            slug="platform31-2025",
            source_file="platform31-trendstudie-g40-2025.txt",
            noise_lines=(
                re.compile(r"^Keuzes maken in tijden van spanning en schaarste\s*/.*$"),
                re.compile(r"^\d+Inhoud\s*$"),
            ),
        ),
        Report(
            slug="trendweb-2025",
            source_file="trendbureau-overijssel-trendweb-2025.txt",
            noise_lines=(
                re.compile(r"^\s*(KLIK EN GA NAAR:|HET|WEB|DE|LIJST)\s*$"),
                re.compile(r"^\s*[A-T]\s*$"),
                # ALL-CAPS topic titles, sometimes with the topic letter glued on.
                re.compile(r"^[A-Z0-9ËÏÖÜÉ ,:'’()&-]{12,}$"),
            ),
        ),
    )
}


def report_for_iri(iri: str) -> Report | None:
    """The report an item IRI belongs to, from its ``/id/<report-slug>/`` prefix."""
    for report in REPORTS.values():
        if iri.startswith(report.item_prefix) or iri == report.iri:
            return report
    return None
