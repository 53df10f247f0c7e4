"""The ``trendgraph`` command line.

Every command reports problems as one readable message on stderr and a non-zero exit
code (1: the data or query is wrong; 2: the command was used wrongly), never as a
Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import project_root


def _err(msg: str) -> None:
    print(f"trendgraph: {msg}", file=sys.stderr)


def cmd_build(args) -> int:
    from .build import BuildFailed, build

    root = project_root()
    try:
        result = build(root, force=args.force)
    except BuildFailed as exc:
        for v in exc.violations:
            print(v.render(), file=sys.stderr)
        _err(str(exc))
        return 1
    if result.cached:
        print(f"dist/ is up to date (inputs unchanged, {result.input_hash[:12]}); "
              f"use --force to rebuild", file=sys.stderr)
    _print_summary(result.triples_per_graph, result.instances_per_class)
    return 0


def _print_summary(per_graph: dict[str, int], per_class: dict[str, int]) -> None:
    print("triples per graph:")
    for g, n in per_graph.items():
        print(f"  {n:>7}  {g}")
    print(f"  {sum(per_graph.values()):>7}  total")
    print("instances per class:")
    for c, n in per_class.items():
        print(f"  {n:>7}  {c}")


def cmd_validate(args) -> int:
    from .load import LoadError, load, load_shapes
    from .validate import validate

    root = project_root()
    try:
        loaded = load(root)
        violations = validate(loaded, load_shapes(root))
    except LoadError as exc:
        _err(str(exc))
        return 1
    for v in violations:
        print(v.render())
    print(f"{len(violations)} violation(s)" if violations else "conforms")
    if args.quotes:
        from .grounding import check_graph, report
        from .paths import sources_dir
        from .validate import asserted_graph

        sources = sources_dir()
        if sources is None:
            _err("--quotes needs TRENDGRAPH_SOURCES set to the directory with the report texts")
            return 2
        checked, failures = check_graph(asserted_graph(loaded), sources)
        report(failures, checked)
        if failures:
            return 1
    return 1 if violations else 0


def cmd_stats(args) -> int:
    from rdflib import Graph, URIRef

    from .build import read_manifest
    from .namespaces import G_INFERRED
    from .publish import read_dataset
    from .reports import REPORTS
    from .stats import items_per_section

    dist = project_root() / "dist"
    manifest = read_manifest(dist)
    if manifest is None:
        _err("no build found in dist/: run 'trendgraph build' first")
        return 1
    _print_summary(manifest["triples_per_graph"], manifest["instances_per_class"])
    ds = read_dataset(dist / "trendgraph.nq")
    asserted = Graph()
    for ctx in ds.graphs():
        if ctx.identifier != G_INFERRED:
            asserted += ctx
    for report in REPORTS.values():
        print(f"\nitems per section of {report.slug}:")
        print(f"  {'section':<52} {'Trend':>5} {'Opg':>5} {'HP':>5} {'Dil':>5} {'KK':>5}")
        for notation, title, counts in items_per_section(asserted, URIRef(report.iri)):
            name = f"{notation} {title}".strip()[:52]
            cols = [counts.get(c, 0) for c in
                    ("Trend", "Opgave", "Handelingsperspectief", "Dilemma", "Koppelkans")]
            print(f"  {name:<52} " + " ".join(f"{n:>5}" for n in cols))
    return 0


def cmd_query(args) -> int:
    from . import results
    from .store import QueryError, open_built

    if args.sparql is None and args.name is None:
        _err("give a saved query NAME or --sparql FILE (use - for stdin)")
        return 2
    try:
        engine = open_built(project_root() / "dist")
    except FileNotFoundError as exc:
        _err(str(exc))
        return 1
    try:
        if args.sparql is not None:
            text = sys.stdin.read() if args.sparql == "-" else _read(args.sparql)
            result = engine.query(text)
        else:
            from .saved import ParameterError, SavedQueryError, load_saved

            try:
                saved = load_saved(project_root() / "queries")
                q = saved.get(args.name)
                if q is None:
                    _err(f"no saved query '{args.name}'; known: {', '.join(sorted(saved))}")
                    return 2
                params = dict(_split_param(p) for p in args.param)
                result = q.run(engine, params)
            except (ParameterError, SavedQueryError) as exc:
                _err(str(exc))
                return 2
    except QueryError as exc:
        _err(f"query failed: {exc}")
        return 1
    except OSError as exc:
        _err(str(exc))
        return 2
    fmt = args.format
    if result.kind == "graph":
        out = results.to_rdf(result, "text/turtle" if fmt in ("table", "ttl") else
                             "application/ld+json" if fmt == "json" else "application/n-triples")
    elif fmt == "ttl":
        _err("--format ttl is for CONSTRUCT/DESCRIBE queries")
        return 2
    else:
        out = {"table": results.to_table, "csv": results.to_csv, "json": results.to_json}[fmt](result)
    sys.stdout.write(out)
    return 0


def _read(name: str) -> str:
    try:
        return Path(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OSError(f"no such file: {name}") from None


def _split_param(text: str) -> tuple[str, str]:
    from .saved import ParameterError

    if "=" not in text:
        raise ParameterError(f"--param takes name=value, got '{text}'")
    k, v = text.split("=", 1)
    return k.strip(), v


def cmd_serve(args) -> int:
    import uvicorn

    from .http import create_app
    from .settings import Settings

    settings = Settings.from_env(project_root())
    for name in ("base_iri", "timeout", "workers", "max_rows"):
        value = getattr(args, name)
        if value is not None:
            setattr(settings, name, value)
    if not settings.base_iri.endswith("/"):
        settings.base_iri += "/"
    app = create_app(settings)
    print(f"serving on http://{args.host}:{args.port}/ (SPARQL at /sparql, queries at "
          f"/queries; base IRI {settings.base_iri}; timeout {settings.timeout:g} s; "
          f"{settings.workers} query workers)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def cmd_extract(args) -> int:
    from .extract.trendweb_rdf import generate
    from .paths import sources_dir

    sources = sources_dir()
    if sources is None:
        _err("extract reads the report texts: set TRENDGRAPH_SOURCES to their directory")
        return 2
    target = project_root() / "data" / "trendweb-2025"
    try:
        files = generate(sources, target)
    except (OSError, ValueError) as exc:
        _err(f"extract failed: {exc}")
        return 1
    stale = []
    for name, text in files.items():
        path = target / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
        print(f"{'differs' if args.check and current != text else 'wrote' if current != text else 'unchanged'}: "
              f"data/trendweb-2025/{name} ({text.count(chr(10))} lines)")
    return 1 if args.check and stale else 0


def cmd_export(args) -> int:
    from .build import read_manifest
    from .export import FORMATS

    dist = project_root() / "dist"
    if read_manifest(dist) is None:
        _err("no build found in dist/: run 'trendgraph build' first")
        return 1
    data = (dist / FORMATS[args.format]).read_bytes()
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output} ({len(data)} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_check(args) -> int:
    from .check import check_files

    return check_files(args.files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="trendgraph",
        description="Build, check and query the trendgraph knowledge graph.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="validate, infer and write dist/trendgraph.{trig,nq}")
    p.add_argument("--force", action="store_true", help="rebuild even if inputs are unchanged")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="run the SHACL shapes on the data")
    p.add_argument("--quotes", action="store_true",
                   help="also check every tg:citaat against the report texts")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", help="counts per class, per graph and per chapter or topic")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("query", help="run a saved query or ad-hoc SPARQL on the built graph")
    p.add_argument("name", nargs="?", help="a saved query from queries/ (without .rq)")
    p.add_argument("--sparql", metavar="FILE", help="a SPARQL file, or - for stdin")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a saved query's parameter (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json", "ttl"), default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("serve", help="serve the built graph: SPARQL endpoint, saved queries, "
                                     "linked data")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--base-iri", dest="base_iri", default=None,
                   help="public base IRI (default $TRENDGRAPH_BASE_IRI or https://w3id.org/trendgraph/)")
    p.add_argument("--timeout", type=float, default=None, help="query timeout in seconds (10)")
    p.add_argument("--workers", type=int, default=None, help="query worker processes")
    p.add_argument("--max-rows", dest="max_rows", type=int, default=None)
    p.add_argument("--log-level", dest="log_level", default="warning")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("extract", help="regenerate data/trendweb-2025/gegenereerd-*.ttl "
                                       "from the report text")
    p.add_argument("report", choices=("trendweb",))
    p.add_argument("--check", action="store_true",
                   help="only report whether the committed files are up to date")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("export", help="the built graph as ttl, trig, nq or jsonld")
    p.add_argument("--format", choices=("ttl", "trig", "nq", "jsonld"), default="ttl",
                   help="trig and nq keep the named graphs; ttl and jsonld are their union "
                        "(JSON-LD compacted with ontology/context.jsonld)")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("check", help="check some data files: SHACL and quote grounding")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_check)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
