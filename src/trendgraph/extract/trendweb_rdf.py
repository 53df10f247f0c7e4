"""Write what :mod:`trendgraph.extract.trendweb` found as Turtle: the generated files
``data/trendweb-2025/gegenereerd-web.ttl`` (links between topics) and
``data/trendweb-2025/gegenereerd-bronnen.ttl`` (footnote and figure sources, linked to
the curated items that carry their footnote numbers)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..namespaces import TG
from .trendweb import RODE_DRADEN, Extraction, Footnote, FigureSource, extract

REPORT = "https://w3id.org/trendgraph/id/trendweb-2025/"
SOURCE_FILE = "trendbureau-overijssel-trendweb-2025.txt"
HEADER = """# GENERATED FILE - do not edit by hand.
# {what}
# Parsed from $TRENDGRAPH_SOURCES/{source} by src/trendgraph/extract/trendweb.py.
# Regenerate: TRENDGRAPH_SOURCES=../shared/sources .venv/bin/trendgraph extract trendweb
# (tests/test_extract_trendweb.py regenerates it and fails when it differs).

@prefix tg:      <https://w3id.org/trendgraph/def#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix dcat:    <http://www.w3.org/ns/dcat#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix organisatie: <https://w3id.org/trendgraph/id/organisatie/> .
@base <{base}> .
"""

# Figure-caption and footnote names of organisations that data/organisaties.ttl knows.
ORGANISATIONS = {
    "cbs": "cbs", "cbs statline": "cbs", "centraal bureau voor de statistiek": "cbs",
    "pbl": "pbl", "planbureau voor de leefomgeving": "pbl",
    "rivm": "rivm", "cpb": "cpb", "scp": "scp", "sociaal cultureel planbureau": "scp",
    "sociaal en cultureel planbureau": "scp",
    "vng": "vng", "vereniging van nederlandse gemeenten": "vng",
    "provincie overijssel": "provincie-overijssel",
    "kennisinstituut voor mobiliteitsbeleid": "kim",
    "uwv": "uwv", "wrr": "wrr", "trendbureau overijssel": "trendbureau-overijssel",
}
STATLINE = re.compile(r"opendata\.cbs\.nl/statline/.*?dataset/(\d{5}[A-Z]{3})")


def topic_of_sections(data: Graph) -> dict[URIRef, str]:
    """Each section of the report → its topic letter (or 'rd' for the rode draden)."""
    parent = {s: o for s, o in data.subject_objects(TG.onderdeelVan)}
    letters = {s: str(n) for s, n in data.subject_objects(SKOS.notation)
               if str(s).startswith(REPORT + "sectie/")}
    out = {}
    for s in parent:
        node, seen = s, set()
        while node is not None and node not in seen:
            seen.add(node)
            if node in letters:
                out[s] = letters[node]
                break
            if str(node) == REPORT + "sectie/rode-draden":
                out[s] = RODE_DRADEN
                break
            node = parent.get(node)
    return out


def topic_section(topic: str) -> str:
    return "sectie/rode-draden" if topic == RODE_DRADEN else f"sectie/{topic.lower()}"


def _iri(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def _citation_key(f: Footnote) -> str:
    text = re.sub(r"Geraadpleegd op [^.]*\.?", "", f.text)
    return re.sub(r"\W+", " ", text.lower()).strip()


def parse_citation(text: str) -> dict[str, str]:
    """'Author (date). Title. Rest.' → creator, date, title (only what is printed)."""
    text = re.sub(r"^Zie( ook)?:\s*", "", text)
    m = re.match(r"^(?P<creator>[^()]+?)\s*\((?P<date>[^)]*)\)\.\s*(?P<rest>.*)$", text)
    if not m:
        title = re.sub(r"\s*Geraadpleegd op .*$", "", text).rstrip(". ")
        return {"title": title}
    rest = re.sub(r"\s*Geraadpleegd op .*$", "", m.group("rest")).strip()
    title = re.split(r"(?<=[.?!])\s+(?=[A-Z])", rest, maxsplit=1)[0].rstrip(". ")
    if title.endswith("-"):
        title = title[:-1] + "…"
    out = {"creator": m.group("creator").strip(" ."), "title": title}
    if m.group("date").strip() and m.group("date").strip() != "z.d.":
        out["date"] = m.group("date").strip()
    return out


def lit(text: str, lang: str | None = "nl") -> str:
    return Literal(text, lang=lang).n3()


def links_turtle(ex: Extraction) -> str:
    out = [HEADER.format(what="Trendweb's printed 'Klik hier en lees meer over' links, as "
                              "tg:verwijstNaar between topic sections, in the printed direction.",
                         source=SOURCE_FILE, base=REPORT)]
    by_source: dict[str, list] = {}
    for link in ex.links:
        by_source.setdefault(link.source, []).append(link)
    for source in sorted(by_source):
        out.append(f"\n# Topic {source}: 'Klik hier en lees meer over'")
        for link in by_source[source]:
            note = {"exact": "", "glued-letter": "  # printed with a glued topic letter",
                    "variant": f"  # printed as the variant title '{link.printed}'"}[link.how]
            out.append(f"<sectie/{source.lower()}> tg:verwijstNaar <sectie/{link.target.lower()}> .{note}")
    return "\n".join(out) + "\n"


def bronnen_turtle(ex: Extraction, data: Graph) -> str:
    section_topic = topic_of_sections(data)
    # footnote number per topic → bron IRI
    marker_bron: dict[tuple[str, int], str] = {}
    blocks: list[str] = []
    by_topic: dict[str, list[Footnote]] = {}
    for f in ex.footnotes:
        by_topic.setdefault(f.topic, []).append(f)
    for topic in sorted(by_topic, key=lambda t: (t != RODE_DRADEN, t)):
        seen: dict[str, tuple[str, list[int], list[str], Footnote]] = {}
        previous = None
        for f in by_topic[topic]:
            if f.is_idem and previous is not None:
                seen[previous][1].append(f.number)
                continue
            key = _citation_key(f)
            if key not in seen:
                seen[key] = (f"bron/{topic.lower()}-{f.number}", [], [], f)
            seen[key][1].append(f.number)
            seen[key][2].extend(u for u in f.urls if u not in seen[key][2])
            previous = key
        blocks.append(f"\n# Footnotes of {topic_section(topic)} (the texts the extraction kept)")
        for iri, numbers, urls, f in seen.values():
            for n in numbers:
                marker_bron[(topic, n)] = iri
            c = parse_citation(f.text)
            lines = [f"<{iri}> a tg:Bron ;",
                     f"    dcterms:bibliographicCitation {lit(f.text)} ;",
                     f"    dcterms:title {lit(c['title'])} ;"]
            if "creator" in c:
                org = ORGANISATIONS.get(c["creator"].lower())
                lines.append(f"    dcterms:creator organisatie:{org} ;" if org
                             else f"    dcterms:creator {lit(c['creator'], None)} ;")
            if "date" in c:
                lines.append(f"    dcterms:date {lit(c['date'], None)} ;")
            for u in urls:
                lines.append(f"    foaf:page <{_iri(u)}> ;")
                m = STATLINE.search(u)
                if m:
                    lines.append(f"    dcterms:identifier {lit(m.group(1), None)} ;  # CBS StatLine table")
            lines.append(f"    tg:voetnoot {' , '.join(str(n) for n in numbers)} ;")
            lines.append(f"    dcterms:isReferencedBy <{topic_section(topic)}> .")
            blocks.append("\n".join(lines))
    counters: dict[str, int] = {}
    figure_blocks = []
    for fig in ex.figures:
        counters[fig.topic] = counters.get(fig.topic, 0) + 1
        iri = f"bron/{fig.topic.lower()}-figuur-{counters[fig.topic]}"
        if fig.marker is not None and (fig.topic, fig.marker) not in marker_bron:
            marker_bron[(fig.topic, fig.marker)] = iri
        title = fig.caption or f"Figuur bij onderwerp {fig.topic}"
        label = f"Figuur {fig.figure}" if fig.figure else "Figuur (zonder nummer)"
        lines = [f"<{iri}> a tg:Bron ;",
                 f"    dcterms:title {lit(title)} ;",
                 f"    rdfs:comment {lit(f'{label}, Bron: {fig.source}')} ;"]
        org = ORGANISATIONS.get(fig.source.lower())
        lines.append(f"    dcterms:publisher organisatie:{org} ;" if org
                     else f"    dcterms:creator {lit(fig.source, None)} ;")
        if fig.marker is not None:
            lines.append(f"    tg:voetnoot {fig.marker} ;")
        lines.append(f"    dcterms:isReferencedBy <{topic_section(fig.topic)}> .")
        figure_blocks.append(f"\n# {topic_section(fig.topic)}: figure source\n" + "\n".join(lines))
    # items that carry a footnote marker whose source is known
    item_links = []
    for item, n in sorted(data.subject_objects(TG.voetnoot)):
        section = data.value(item, TG.beschrevenIn)
        topic = section_topic.get(section)
        iri = marker_bron.get((topic, int(n))) if topic else None
        if iri and str(item).startswith(REPORT):
            item_links.append(f"<{str(item)[len(REPORT):]}> tg:onderbouwdDoor <{iri}> .")
    out = [HEADER.format(what="Sources of Trendweb: the footnote texts with their URLs, the "
                              "figure captions' 'Bron:', and tg:onderbouwdDoor from every item "
                              "whose tg:voetnoot names one of them.",
                         source=SOURCE_FILE, base=REPORT)]
    out += blocks + figure_blocks
    out.append("\n# Items whose footnote markers (tg:voetnoot) name one of these sources")
    out += sorted(set(item_links))
    return "\n".join(out) + "\n"


def curated_graph(data_dir: Path) -> Graph:
    g = Graph()
    for p in sorted(data_dir.glob("*.ttl")):
        if not p.name.startswith("gegenereerd-"):
            g.parse(p, format="turtle")
    return g


def generate(sources: Path, data_dir: Path) -> dict[str, str]:
    """The generated files' names and contents."""
    data = curated_graph(data_dir)
    titles = {str(n): str(data.value(s, DCTERMS.title))
              for s, n in data.subject_objects(SKOS.notation)
              if str(s).startswith(REPORT + "sectie/") and len(str(n)) == 1}
    text = (sources / SOURCE_FILE).read_text(encoding="utf-8")
    ex = extract(text, titles)
    if ex.unresolved:
        raise ValueError("unresolved links: " + ", ".join(
            f"{l.source} → '{l.printed}' (line {l.line})" for l in ex.unresolved))
    return {"gegenereerd-web.ttl": links_turtle(ex),
            "gegenereerd-bronnen.ttl": bronnen_turtle(ex, data)}
