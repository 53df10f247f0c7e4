"""Where the project's files live.

The graph is built from files in the checkout (ontology/, data/, queries/), not from
package data, so that curators edit Turtle in place. The root is found from
``TRENDGRAPH_HOME``, else by walking up from the working directory, else relative to
this (editable, src-layout) package.
"""

from __future__ import annotations

import os
from pathlib import Path

_MARKER = Path("ontology") / "trendgraph.ttl"


def project_root() -> Path:
    env = os.environ.get("TRENDGRAPH_HOME")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / _MARKER).is_file():
            return candidate
    return Path(__file__).resolve().parents[2]


def sources_dir() -> Path | None:
    """The directory holding the report extractions, or None when not configured.

    The report texts are third-party and never live in the repository.
    """
    env = os.environ.get("TRENDGRAPH_SOURCES")
    if not env:
        return None
    path = Path(env)
    return path if path.is_dir() else None
