"""Check a few data files in isolation: SHACL on them plus the shared vocabulary,
and the grounding of their quotes. This is the curator's loop while modelling a
chapter; ``trendgraph build`` checks everything together."""

from __future__ import annotations

from pathlib import Path

from .grounding import check_graph, report
from .load import InputFile, graph_for, input_files, load, load_shapes
from .paths import project_root, sources_dir
from .validate import validate


def _base_files(root: Path) -> list[InputFile]:
    """Ontology, top-level vocabulary files and each report's rapport.ttl."""
    return [
        f
        for f in input_files(root)
        if f.relpath.startswith("ontology/")
        or f.relpath.count("/") == 1
        or f.relpath.endswith("/rapport.ttl")
    ]


def check_files(names: list[str]) -> int:
    root = project_root()
    files = _base_files(root)
    wanted = []
    for name in names:
        path = Path(name).resolve()
        rel = path.relative_to(root).as_posix()
        wanted.append(rel)
        if rel not in {f.relpath for f in files}:
            files.append(InputFile(path, rel, graph_for(rel)))
    loaded = load(root, files)
    problems = [
        v for v in validate(loaded, load_shapes(root))
        if any(w in v.source_file for w in wanted) or v.source_file == "(no file)"
    ]
    for v in problems:
        print(v.render())
    print(f"SHACL: {len(problems)} violation(s) in {', '.join(wanted)}")
    failures = []
    sources = sources_dir()
    if sources is None:
        print("quotes: not checked (set TRENDGRAPH_SOURCES to the report texts)")
    else:
        from rdflib import Graph

        mine = Graph()
        for f in files:
            if f.relpath in wanted:
                mine += Graph().parse(f.path, format="turtle")
        checked, failures = check_graph(mine, sources)
        report(failures, checked)
    return 1 if problems or failures else 0
