"""The Trendweb parser: links (count, direction, glued letters, the variant title),
footnote-to-URL matching on every block that has URLs (checked by hand), and the
committed generated files being exactly what the parser produces."""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from trendgraph.extract.trendweb import extract, split_marker
from trendgraph.extract.trendweb_rdf import REPORT, SOURCE_FILE, curated_graph, generate
from trendgraph.namespaces import TG

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "trendweb-2025"


@pytest.fixture(scope="module")
def extraction(sources):
    data = curated_graph(DATA)
    titles = {str(n): str(data.value(s, DCTERMS.title)) for s, n in data.subject_objects(SKOS.notation)
              if str(s).startswith(REPORT + "sectie/") and len(str(n)) == 1}
    return extract((sources / SOURCE_FILE).read_text(encoding="utf-8"), titles)


def test_generated_files_are_up_to_date(sources):
    for name, text in generate(sources, DATA).items():
        committed = (DATA / name).read_text(encoding="utf-8")
        assert committed == text, f"data/trendweb-2025/{name} is stale: run 'trendgraph extract trendweb'"


def test_links_count_and_direction(extraction):
    assert not extraction.unresolved
    assert len(extraction.links) == 65
    pairs = {(l.source, l.target) for l in extraction.links}
    assert {("A", "C"), ("A", "G"), ("A", "J"), ("A", "K")} == {p for p in pairs if p[0] == "A"}
    # topics without a printed list have no outgoing links
    assert not {p for p in pairs if p[0] in ("F", "P", "Q")}
    assert all(s != t for s, t in pairs)


def test_glued_letters_and_variant_title(extraction):
    glued = {(l.source, l.target) for l in extraction.links if l.how == "glued-letter"}
    assert glued == {("C", "P"), ("S", "T")}
    variants = [l for l in extraction.links if l.how == "variant"]
    assert {(l.source, l.target) for l in variants} == {("K", "H"), ("R", "H")}
    assert all(l.printed == "Toenemend debat over houdbaarheid zorg" for l in variants)


def _urls(extraction, topic):
    return {f.number: [u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1] if u.count("/") > 3 else u
                       for u in f.urls]
            for f in extraction.footnotes if f.topic == topic}


def test_footnote_urls_rode_draden(extraction):
    notes = {f.number: f.urls for f in extraction.footnotes if f.topic == "rd"}
    assert notes[1] == ["https://trendbureauoverijssel.nl/media/2ocou1qo/08-gespannen-werkveld-versie-dec-23.pdf"]
    assert [u.rsplit("/", 1)[-1] for u in notes[2]] == [
        "Groeiende_complexiteit_vraagt_om_ander_samenspel_20200313.pdf",
        "advies-akkoord-besturen-met-akkoorden-als-evenwichtskunst"]


# Hand-checked: footnote number -> a distinctive piece of each URL, in order.
E_EXPECTED = {
    1: ["wat-is-natuurinclusief-bouwen"], 2: ["projecten/nieuwe-bouwcultuur"],
    3: ["inspiratieboek-biobased"], 4: ["wur.nl"], 5: ["nladaptief"], 6: ["wur.nl"],
    7: ["assendorp-van-parkeerplek"], 8: ["50tintengroenassendorp"], 9: ["bouwen-met-de-boer"],
    10: ["breder-gedragen-natuurbeleid"], 11: [], 12: ["natuurinclusievelandbouw"],
    13: ["natuurvoorelkaar"], 14: ["nieuwe-ketens"], 15: ["nieuwe-ketens"],
}
I_EXPECTED = {
    1: ["mentale-problemen"], 2: ["Gezondheidsmonitor-Jeugd"], 3: ["Factsheet"],
    4: ["regionaal/jongeren"], 5: ["jongvolwassenen"], 6: ["een-tegen-eenzaamheid"],
    7: ["zelfdoding"], 8: ["113_rapport"], 9: ["mentale-problemen"], 10: ["113_rapport"],
    11: ["brainwash"], 12: ["movisie"], 13: ["Pilot-Angst"], 14: ["movisie"],
    15: ["thuiszitters"], 16: ["startkwalificatie"], 17: [], 18: ["waarom-moet-ik"],
    19: ["startkwalificatie"], 20: ["hetbouwdepot"], 21: ["volkskrant"], 22: ["2025Z07821"],
    23: ["2025Z07835"], 24: ["nji.nl"], 25: ["jeugdhulp-2023"], 26: ["dashboardjeugdzorg"],
    27: ["jeugdhulp-2023"], 28: ["83454NED"], 29: ["jeugdggz"], 30: ["nji.nl"],
    31: ["dashboardjeugdzorg"], 32: ["jeugdhulp-2023"], 33: ["83454NED"],
    34: ["dashboardjeugdzorg"], 35: [], 36: ["jeugdhulp-2023"],
}


@pytest.mark.parametrize("topic,expected", [("E", E_EXPECTED), ("I", I_EXPECTED)])
def test_footnote_urls_per_block(extraction, topic, expected):
    notes = {f.number: f.urls for f in extraction.footnotes if f.topic == topic}
    assert set(notes) == set(expected)
    for n, pieces in expected.items():
        assert len(notes[n]) == len(pieces), (n, notes[n])
        for url, piece in zip(notes[n], pieces):
            assert piece in url, (n, url, piece)


def test_idem_notes_have_no_url_and_footnote_texts_are_kept(extraction):
    idem = [f for f in extraction.footnotes if f.is_idem]
    assert idem and all(not f.urls for f in idem)
    assert {f.topic for f in extraction.footnotes} >= {"rd", "E", "I", "L", "M"}


def test_figure_sources(extraction):
    by_line = {f.line: f for f in extraction.figures}
    a = by_line[257]
    assert (a.topic, a.figure, a.source, a.marker) == ("A", 1, "Ministerie van Infrastructuur en Waterstaat", 4)
    assert a.caption == "Integrale aanpak mobiliteitsvisie"
    assert {f.topic for f in extraction.figures} >= set("ABCEFGHIJKLMNOQRST")


@pytest.mark.parametrize("raw,expected", [
    ("CBS4", ("CBS", 4)), ("PBL 202410", ("PBL 2024", 10)), ("WRR (2012)", ("WRR (2012)", None)),
    ("WRR (2012)8", ("WRR (2012)", 8)), ("Kunsten92", ("Kunsten92", None)),
    ("Provincie Overijssel", ("Provincie Overijssel", None)),
])
def test_split_marker(raw, expected):
    assert split_marker(raw) == expected


def test_generated_graph_links_items_to_footnote_sources():
    g = Graph().parse(DATA / "gegenereerd-bronnen.ttl")
    links = list(g.subject_objects(TG.onderbouwdDoor))
    assert len(links) >= 30
    statline = [s for s, o in g.subject_objects(DCTERMS.identifier) if str(o) == "83454NED"]
    assert statline


def test_every_topic_has_letter_title_opgaven_and_domains():
    from trendgraph.load import load

    loaded = load(ROOT)
    g = Graph()
    for ctx in loaded.dataset.graphs():
        g += ctx
    for letter in "ABCDEFGHIJKLMNOPQRST":
        topic = URIRef(REPORT + "sectie/" + letter.lower())
        assert str(g.value(topic, SKOS.notation)) == letter
        assert g.value(topic, DCTERMS.title) is not None
        q = """PREFIX tg: <https://w3id.org/trendgraph/def#>
        SELECT (COUNT(DISTINCT ?o) AS ?n) (COUNT(DISTINCT ?d) AS ?domains) WHERE {
          ?s tg:onderdeelVan* ?topic . ?o a tg:Opgave ; tg:beschrevenIn ?s ; tg:raaktDomein ?d }"""
        row = next(iter(g.query(q, initBindings={"topic": topic})))
        assert int(row[0]) >= 1, f"topic {letter} has no opgave"
        assert int(row[1]) >= 1, f"topic {letter}'s opgaven have no domains"
