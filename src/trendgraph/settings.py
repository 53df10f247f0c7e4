"""Server settings, from the environment with command-line overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env(name: str, default, cast):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return cast(value)
    except ValueError:
        raise SystemExit(f"trendgraph: {name}={value!r} is not a valid {cast.__name__}") from None


@dataclass
class Settings:
    dist: Path
    queries: Path
    # The public base of our IRIs; requests to /id/... and /def are resolved against it,
    # so the same graph is served behind w3id.org and on localhost.
    base_iri: str = "https://w3id.org/trendgraph/"
    timeout: float = 10.0
    max_rows: int = 10_000
    max_request_bytes: int = 1_000_000
    workers: int = 2
    # SPARQL endpoints a query may call with SERVICE; everything else is refused.
    service_allowlist: tuple[str, ...] = field(default_factory=tuple)
    # Named external services: saved queries write SERVICE <urn:trendgraph:service:NAME>,
    # the deployment says which endpoint NAME is (and so allows it).
    services: dict[str, str] = field(default_factory=dict)

    @property
    def allowed_endpoints(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.service_allowlist) | set(self.services.values())))

    @classmethod
    def from_env(cls, root: Path) -> "Settings":
        allow = os.environ.get("TRENDGRAPH_SERVICE_ALLOWLIST", "")
        services = {}
        for pair in os.environ.get("TRENDGRAPH_SERVICES", "").split(","):
            if pair.strip():
                name, sep, url = pair.partition("=")
                if not sep or not url.strip().startswith(("http://", "https://")):
                    raise SystemExit(f"trendgraph: TRENDGRAPH_SERVICES wants name=http(s)://..., got {pair!r}")
                services[name.strip()] = url.strip()
        base = _env("TRENDGRAPH_BASE_IRI", "https://w3id.org/trendgraph/", str)
        return cls(
            dist=root / "dist",
            queries=root / "queries",
            base_iri=base if base.endswith("/") else base + "/",
            timeout=_env("TRENDGRAPH_TIMEOUT", 10.0, float),
            max_rows=_env("TRENDGRAPH_MAX_ROWS", 10_000, int),
            max_request_bytes=_env("TRENDGRAPH_MAX_REQUEST_BYTES", 1_000_000, int),
            workers=_env("TRENDGRAPH_WORKERS", max(2, os.cpu_count() or 2), int),
            service_allowlist=tuple(a.strip() for a in allow.split(",") if a.strip()),
            services=services,
        )
