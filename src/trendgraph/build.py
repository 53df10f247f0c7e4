"""``trendgraph build``: load, validate, infer, publish.

The output goes to a fresh directory that replaces ``dist/`` only when everything
succeeded, so a failed build never leaves a half-written or invalid ``dist/``.
A content hash over every input (and over the code that shapes the output) lets an
unchanged build return at once without importing rdflib.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "build.json"


class BuildFailed(Exception):
    """The build stopped; ``dist/`` is untouched. The message says why."""

    def __init__(self, message: str, violations: list | None = None):
        super().__init__(message)
        self.violations = violations or []


@dataclass
class BuildResult:
    dist: Path
    input_hash: str
    cached: bool
    triples_per_graph: dict[str, int] = field(default_factory=dict)
    instances_per_class: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _input_paths(root: Path) -> list[Path]:
    paths = sorted((root / "ontology").glob("*.ttl")) + sorted((root / "data").rglob("*.ttl"))
    paths += sorted((root / "ontology").glob("*.jsonld"))
    # the package's code shapes the output too; hashing all of it is cheap and cannot drift
    paths += sorted(Path(__file__).resolve().parent.rglob("*.py"))
    return paths


def input_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in _input_paths(root):
        try:
            name = p.relative_to(root).as_posix()
        except ValueError:
            name = "code/" + p.relative_to(Path(__file__).resolve().parent).as_posix()
        h.update(name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def read_manifest(dist: Path) -> dict | None:
    try:
        return json.loads((dist / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Progress:
    """One line per stage on stderr, with the time it took."""

    def __init__(self, total: int, quiet: bool = False):
        self.total, self.n, self.quiet = total, 0, quiet
        self.t0 = self.t = time.perf_counter()

    def stage(self, text: str) -> None:
        self.n += 1
        self.t = time.perf_counter()
        if not self.quiet:
            print(f"[{self.n}/{self.total}] {text} ...", end="", file=sys.stderr, flush=True)

    def done(self, text: str = "") -> None:
        if not self.quiet:
            dt = time.perf_counter() - self.t
            print(f" {text}{' ' if text else ''}({dt:.1f} s)", file=sys.stderr, flush=True)


def build(root: Path, dist: Path | None = None, *, force: bool = False,
          quiet: bool = False) -> BuildResult:
    t0 = time.perf_counter()
    dist = dist or root / "dist"
    digest = input_hash(root)
    manifest = read_manifest(dist)
    if not force and manifest and manifest.get("input_hash") == digest and all(
        (dist / f).exists() for f in manifest.get("files", [])
    ):
        return BuildResult(dist, digest, True, manifest.get("triples_per_graph", {}),
                           manifest.get("instances_per_class", {}),
                           time.perf_counter() - t0)

    from rdflib import Graph

    from . import load as load_mod
    from . import publish, validate
    from .infer import infer
    from .namespaces import G_INFERRED, G_ONTOLOGY
    from .stats import instances_per_class

    progress = Progress(6, quiet)
    progress.stage("loading ontology and data")
    try:
        loaded = load_mod.load(root)
        shapes = load_mod.load_shapes(root)
    except load_mod.LoadError as exc:
        progress.done("failed")
        raise BuildFailed(str(exc)) from exc
    n = sum(len(g) for g in loaded.dataset.graphs())
    progress.done(f"{len(loaded.files)} files, {n} triples")

    progress.stage("validating the asserted graph with SHACL")
    violations = validate.validate(loaded, shapes)
    if violations:
        progress.done(f"{len(violations)} violation(s)")
        raise BuildFailed(f"{len(violations)} SHACL violation(s); dist/ left untouched",
                          violations)
    progress.done("conforms")

    progress.stage("materialising the OWL RL closure")
    tbox = loaded.graph(G_ONTOLOGY)
    abox = Graph()
    for ctx in loaded.dataset.graphs():
        if ctx.identifier != G_ONTOLOGY:
            abox += ctx
    inferred = infer(tbox, abox)
    progress.done(f"{len(inferred)} new triples")

    progress.stage("writing TriG, N-Quads, Turtle and JSON-LD")
    graphs = {
        ctx.identifier: ctx for ctx in loaded.dataset.graphs() if len(ctx) > 0
    }
    graphs[G_INFERRED] = inferred
    graphs = dict(sorted(graphs.items()))
    staging = root / ".build" / f"dist-{digest[:12]}"
    if staging.exists():
        shutil.rmtree(staging)
    publish.write(graphs, staging)
    per_graph = {str(k): len(v) for k, v in graphs.items()}
    union = Graph()
    for g in graphs.values():
        union += g
    per_class = instances_per_class(union)
    from . import describe, export

    export.write_all(staging, root, publish.PREFIXES)
    progress.done(", ".join(sorted(p.name for p in staging.iterdir())))

    progress.stage("describing the dataset (DCAT-AP-NL, VoID)")
    describe.write(union, graphs, staging, root / "data" / "links")
    new_manifest = {
        "input_hash": digest,
        "files": sorted(p.name for p in staging.iterdir()),
        "triples_per_graph": per_graph,
        "instances_per_class": per_class,
    }
    (staging / MANIFEST).write_text(json.dumps(new_manifest, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
    progress.done("catalog.ttl, void.ttl")

    progress.stage(f"publishing to {dist}")
    _swap(staging, dist)
    progress.done()
    return BuildResult(dist, digest, False, per_graph, per_class, time.perf_counter() - t0)


def _swap(staging: Path, dist: Path) -> None:
    """Replace ``dist`` by ``staging`` with two renames; the old one is removed last."""
    old = dist.with_name(dist.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if dist.exists():
        dist.rename(old)
    staging.rename(dist)
    if old.exists():
        shutil.rmtree(old)
