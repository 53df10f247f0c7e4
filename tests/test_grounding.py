"""Every quote in the graph occurs in its report; the matcher tolerates extraction
noise but nothing else."""

from rdflib import Graph

from trendgraph.grounding import canonical, check_graph, clean_source
from trendgraph.load import load
from trendgraph.reports import REPORTS
from trendgraph.validate import asserted_graph


def test_canonical_ignores_layout_and_markers():
    src = "leiden tot verkie-\nzingsprogramma’s en toegerust.8 Daarna"
    assert canonical("leiden tot verkiezingsprogramma's en toegerust. Daarna") in canonical(src)


def test_canonical_keeps_words():
    assert canonical("de gemeente bouwt") not in canonical("de gemeente sloopt")


def test_noise_lines_are_removed():
    text = "begin van een zin die\nKeuzes maken in tijden van spanning en schaarste / 3. Demografie\n40Inhoud\ndoorloopt"
    cleaned = clean_source(text, REPORTS["platform31-2025"])
    assert canonical("begin van een zin die doorloopt") in canonical(cleaned)


def test_every_quote_occurs_in_its_report(root, sources):
    graph = asserted_graph(load(root))
    checked, failures = check_graph(graph, sources)
    assert checked > 0
    assert not failures, f"{len(failures)} of {checked} quotes not found:\n" + "\n".join(
        f"{f.item}: {f.quote[:120]}" for f in failures)


def test_a_made_up_quote_is_caught(sources):
    from rdflib import Literal, URIRef
    g = Graph()
    g.add((URIRef("https://w3id.org/trendgraph/id/platform31-2025/trend/x"),
           URIRef("https://w3id.org/trendgraph/def#citaat"),
           Literal("Deze zin staat nergens in de trendstudie van Platform31.", lang="nl")))
    checked, failures = check_graph(g, sources)
    assert checked == 1 and len(failures) == 1
