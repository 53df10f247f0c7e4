"""Extract Trendweb 2025's web of cross-references, footnotes and figure sources.

What the text gives, and how it is read:

- Topics: the twenty "Relevantie voor (Overijsselse) gemeenten" headings, in document
  order, are topics A to T. Everything between two of them belongs to the later topic,
  except the "Klik hier" list and footnote/URL blocks that follow a heading, which close
  the topic of that heading.
- Links: each "Klik hier en lees meer over:" list belongs to the topic of the nearest
  preceding relevance heading; its items are printed topic titles, sometimes with the
  next page's topic letter glued on (``…ondermijningP``), once with a variant title.
- Footnotes: lines ``N<TAB>text`` with indented continuation lines; numbering restarts
  per topic. The URLs of a block follow it, one bare URL per printed line of a linked
  title, in footnote order; "Idem" notes have none. The URLs are aligned to footnotes
  by dynamic programming over (number of printed lines, word overlap between URL and
  footnote text), so that a footnote never takes more URLs than it has lines.
- Figure sources: every ``Bron: X`` of a figure or table caption.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

RELEVANTIE = re.compile(r"^Relevantie voor (Overijsselse )?gemeenten\s*$")
KLIK = re.compile(r"^Klik hier en lees meer over:\s*$")
FOOTNOTE = re.compile(r"^\s?(\d{1,3})\t\s*(.*)$")
CONTINUATION = re.compile(r"^\t\s*(.*)$")
URL = re.compile(r"^\s*(https?://\S.*?)\s*$")
BRON = re.compile(r"Bron:\s*(.+?)(?=\s*Figuur\s+\d+\s*:|$)")
FIGUUR = re.compile(r"Figuur\s+(\d+)\s*:\s*(.*?)(?=\s*Bron:|$)")
LETTERS = "ABCDEFGHIJKLMNOPQRST"
RODE_DRADEN = "rd"


@dataclass
class Link:
    source: str  # topic letter
    printed: str  # the item as printed (glued letter removed)
    target: str | None = None  # resolved topic letter
    how: str = ""  # exact, glued-letter, variant
    line: int = 0


@dataclass
class Footnote:
    topic: str  # letter, or "rd" for the rode draden
    number: int
    lines: list[str]
    urls: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def text(self) -> str:
        return dehyphenate(" ".join(l.strip() for l in self.lines))

    @property
    def is_idem(self) -> bool:
        return self.text.lower().startswith("idem")


@dataclass
class FigureSource:
    topic: str
    source: str  # the "Bron:" text without footnote marker
    caption: str  # the caption text (may be empty when the extraction lost it)
    figure: int | None
    marker: int | None
    line: int


@dataclass
class Extraction:
    links: list[Link]
    footnotes: list[Footnote]
    figures: list[FigureSource]
    unresolved: list[Link]


def dehyphenate(text: str) -> str:
    text = re.sub(r"(\w)- (?=[a-zà-ÿ])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", _fold(text)) if len(w) >= 3}


@dataclass(frozen=True)
class Bounds:
    """Where the topics are: each letter's relevance heading, and where topic A starts
    (after the rode draden's footnote and URL block)."""

    headings: tuple[tuple[str, int], ...]
    a_start: int


def topic_bounds(lines: list[str]) -> Bounds:
    heads = [i for i, l in enumerate(lines) if RELEVANTIE.match(l)]
    if len(heads) != len(LETTERS):
        raise ValueError(f"expected {len(LETTERS)} relevance headings, found {len(heads)}")
    first = heads[0]
    trailer_end = max((i for i in range(first)
                       if URL.match(lines[i]) or FOOTNOTE.match(lines[i])), default=-1)
    return Bounds(tuple(zip(LETTERS, heads)), trailer_end + 1)


def topic_at(bounds: Bounds, i: int, trailer: bool) -> str:
    """The topic of line ``i``. Body text belongs to the next relevance heading;
    a trailer (link list, footnotes, URLs) to the previous one."""
    prev = [t for t, h in bounds.headings if h <= i]
    if trailer:
        return prev[-1] if prev else RODE_DRADEN
    if not prev:
        return RODE_DRADEN if i < bounds.a_start else "A"
    nxt = [t for t, h in bounds.headings if h >= i]
    return nxt[0] if nxt else "T"


def parse_links(lines: list[str], bounds, titles: dict[str, str]) -> tuple[list[Link], list[Link]]:
    by_title = {_fold(t): letter for letter, t in titles.items()}
    links, unresolved = [], []
    i = 0
    while i < len(lines):
        if KLIK.match(lines[i]):
            source = topic_at(bounds, i, trailer=True)
            j = i + 1
            while j < len(lines) and (lines[j].strip() == "" or lines[j].startswith("\t")):
                item = lines[j].strip()
                if item:
                    link = resolve(item, source, by_title, titles)
                    link.line = j + 1
                    (links if link.target else unresolved).append(link)
                j += 1
            i = j
        else:
            i += 1
    return links, unresolved


def resolve(item: str, source: str, by_title: dict[str, str], titles: dict[str, str]) -> Link:
    folded = _fold(item)
    if folded in by_title:
        return Link(source, item, by_title[folded], "exact")
    if item[-1:].isupper() and _fold(item[:-1]) in by_title:
        return Link(source, item[:-1], by_title[_fold(item[:-1])], "glued-letter")
    # a variant title: the topic whose title shares most words, if clearly best
    scores = sorted(((len(_words(item) & _words(t)) / len(_words(item) | _words(t)), letter)
                     for letter, t in titles.items()), reverse=True)
    if scores and scores[0][0] >= 0.3 and (len(scores) < 2 or scores[0][0] > scores[1][0]):
        return Link(source, item, scores[0][1], "variant")
    return Link(source, item, None, "unresolved")


def parse_footnotes(lines: list[str], bounds) -> list[Footnote]:
    notes: list[Footnote] = []
    current: Footnote | None = None
    block: list[Footnote] = []
    urls: list[str] = []
    blocks: list[tuple[list[Footnote], list[str]]] = []

    def close():
        nonlocal block, urls
        if block:
            blocks.append((block, urls))
        block, urls = [], []

    expect_number = None
    for i, line in enumerate(lines):
        m = FOOTNOTE.match(line)
        if m and (expect_number is None or int(m.group(1)) in (expect_number, 1)
                  or (block and topic_at(bounds, i, trailer=True) != block[-1].topic)):
            n = int(m.group(1))
            if n == 1 or (block and urls):
                close()
            topic = topic_at(bounds, i, trailer=True)
            current = Footnote(topic, n, [m.group(2)], line=i + 1)
            block.append(current)
            notes.append(current)
            expect_number = n + 1
            continue
        if current is not None and CONTINUATION.match(line) and not URL.match(line):
            current.lines.append(CONTINUATION.match(line).group(1))
            continue
        u = URL.match(line)
        if u and block:
            urls.append(u.group(1))
            current = None
            continue
        # a blank line or body text ends the current footnote (not the block: a block
        # interrupted by text keeps collecting numbers in sequence)
        current = None
    close()
    for fns, us in blocks:
        if us:
            align_urls(fns, us)
    return notes


def _similarity(url: str, text: str) -> int:
    squashed = re.sub(r"[^a-z0-9]", "", _fold(text))
    url_flat = re.sub(r"[^a-z0-9]", "", _fold(url))
    stop = {"https", "http", "www", "com", "org", "html", "htm", "pdf", "files", "sites",
            "default", "content", "uploads", "nieuws", "detail", "programmas", "onderwerpen"}
    url_tokens = {t for t in re.findall(r"[a-z0-9]+", _fold(url)) if len(t) >= 4 and t not in stop}
    score = sum(1 for t in url_tokens if t in squashed)
    score += sum(1 for w in _words(text) if len(w) >= 5 and w in url_flat)
    return score


def align_urls(notes: list[Footnote], urls: list[str]) -> None:
    """Give each footnote between 0 and (its printed lines) consecutive URLs, maximising
    the word overlap between URLs and footnote texts; Idem notes take none."""
    n, m = len(notes), len(urls)
    caps = [0 if f.is_idem else len(f.lines) for f in notes]
    NEG = float("-inf")
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    choice = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for k in range(1, n + 1):
        text = notes[k - 1].text
        for j in range(m + 1):
            for c in range(0, min(caps[k - 1], j) + 1):
                prev = best[k - 1][j - c]
                if prev == NEG:
                    continue
                taken = urls[j - c:j]
                sims = [_similarity(u, text) for u in taken]
                score = prev + sum(sims)
                if c:
                    score += 1.0  # a normal footnote usually has a link
                    if len(set(taken)) > 1:
                        # one footnote with two links is rare; with an unrelated one, rarer
                        score -= 2.0 if min(sims) == 0 else 0.5
                if score > best[k][j]:
                    best[k][j] = score
                    choice[k][j] = c
    if best[n][m] == NEG:
        raise ValueError(f"cannot align {m} URLs to footnotes at line {notes[0].line}")
    j = m
    for k in range(n, 0, -1):
        c = choice[k][j]
        notes[k - 1].urls = list(dict.fromkeys(urls[j - c:j]))
        j -= c


def parse_figures(lines: list[str], bounds) -> list[FigureSource]:
    out = []
    for i, line in enumerate(lines):
        if "Bron:" not in line:
            continue
        figures = {m.start(): m for m in FIGUUR.finditer(line)}
        for b in BRON.finditer(line):
            source, marker = split_marker(b.group(1).strip())
            before = [m for pos, m in figures.items() if pos < b.start()]
            fig = before[-1] if before else None
            caption = fig.group(2).strip() if fig else ""
            if not fig:
                caption, number = _caption_before(lines, i, line[: b.start()])
                fig_number = number
            else:
                fig_number = int(fig.group(1))
            out.append(FigureSource(topic_at(bounds, i, trailer=False), source.strip(" .,"),
                                    dehyphenate(caption).rstrip(" ."),
                                    fig_number, marker, i + 1))
    return out


def split_marker(raw: str) -> tuple[str, int | None]:
    """'CBS4' -> ('CBS', 4); 'PBL 202410' -> ('PBL 2024', 10); 'WRR (2012)8' -> ('WRR (2012)', 8).
    A number above 60 is taken to be part of the name (no topic has that many notes)."""
    m = re.match(r"^(.*\b(?:19|20)\d{2}\)?)(\d{1,2})$", raw)
    if m and int(m.group(2)) <= 60:
        return m.group(1).strip(), int(m.group(2))
    m = re.match(r"^(.*?[^\d\s])\s?(\d{1,2})$", raw)
    if m and int(m.group(2)) <= 60 and not re.search(r"(19|20)\d{2}$", raw):
        return m.group(1).strip(), int(m.group(2))
    return raw, None


def _caption_before(lines: list[str], i: int, head: str) -> tuple[str, int | None]:
    """A caption printed over several lines: look back (at most three lines) for its
    'Figuur N:' start; without one, the text just before 'Bron:' is the caption."""
    parts = [head.strip()] if head.strip() else []
    for k in range(i - 1, max(i - 4, -1), -1):
        prev = lines[k].strip()
        if not prev or "Bron:" in prev:
            break
        parts.insert(0, prev)
        m = re.search(r"Figuur\s+(\d+)\s*:\s*(.*)$", prev)
        if m:
            parts[0] = m.group(2)
            return " ".join(parts), int(m.group(1))
    return " ".join(parts), None


def extract(text: str, titles: dict[str, str]) -> Extraction:
    lines = text.splitlines()
    bounds = topic_bounds(lines)
    links, unresolved = parse_links(lines, bounds, titles)
    return Extraction(links, parse_footnotes(lines, bounds), parse_figures(lines, bounds),
                      unresolved)
