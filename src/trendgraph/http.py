"""The HTTP face of trendgraph (FastAPI): the SPARQL 1.1 Protocol at ``/sparql``,
saved queries at ``/queries``, and linked-data pages for every IRI under ``/id/`` and
``/def``.

Queries run in :class:`~trendgraph.pool.QueryPool` worker processes, so a timeout stops
the work without stopping the server. The graph is static between builds: every data
response carries an ETag derived from the build's content hash.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import negotiate
from .build import read_manifest
from .pool import Job, PoolBusy, QueryPool, QueryTimeout
from .publish import PREFIXES
from .querytext import query_form, resolve_service_aliases, service_targets
from .settings import Settings


class ApiError(Exception):
    """An error answered as a JSON body ``{"error": ..., "status": ...}``."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status,
                        headers=headers)


def create_app(settings: Settings) -> FastAPI:
    manifest = read_manifest(settings.dist)
    if manifest is None:
        raise SystemExit(f"trendgraph: no build in {settings.dist}: run 'trendgraph build' first")
    etag_base = manifest["input_hash"][:20]
    pool = QueryPool(settings.dist / "trendgraph.nq", workers=settings.workers,
                     timeout=settings.timeout)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await pool.start()
        yield
        await pool.close()

    app = FastAPI(
        title="trendgraph",
        version=__import__("trendgraph").__version__,
        description="Kennisgraaf van gemeentelijke trendstudies: SPARQL 1.1-endpoint, "
                    "opgeslagen queries en linked-data-pagina's.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.etag_base = etag_base
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"],
                       expose_headers=["ETag", "Link"])

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        return error_response(400, "; ".join(e.get("msg", "") for e in exc.errors()))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return error_response(500, f"internal error: {type(exc).__name__}")

    @app.middleware("http")
    async def _limit_request_size(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_request_bytes:
            return error_response(413, f"request body larger than {settings.max_request_bytes} bytes")
        return await call_next(request)

    register_sparql(app)
    from .http_queries import register_queries
    from .http_ld import register_linked_data

    register_queries(app)
    register_linked_data(app)

    register_dataset(app)

    @app.get("/", include_in_schema=False)
    async def home(request: Request):
        return HTMLResponse(
            "<!doctype html><meta charset=utf-8><title>trendgraph</title>"
            "<h1>trendgraph</h1><ul>"
            "<li><a href='/queries'>opgeslagen queries</a></li>"
            "<li><a href='/sparql'>SPARQL 1.1-endpoint</a> (service description)</li>"
            "<li><a href='/def'>ontologie</a></li>"
            "<li><a href='/id/beleidsdomeinen'>beleidsdomeinen</a></li>"
            "<li><a href='/id/platform31-2025'>Platform31-trendstudie 2025</a></li>"
            "<li><a href='/id/trendweb-2025'>Trendweb 2025</a></li>"
            "<li><a href='/catalog'>DCAT-catalogus</a> en <a href='/.well-known/void'>VoID</a></li>"
            "<li>downloads: <a href='/download/trendgraph.trig'>TriG</a>, "
            "<a href='/download/trendgraph.nq'>N-Quads</a>, <a href='/download/trendgraph.ttl'>Turtle</a>, "
            "<a href='/download/trendgraph.jsonld'>JSON-LD</a></li>"
            "<li><a href='/docs'>API (OpenAPI)</a></li></ul>")

    return app


def register_dataset(app: FastAPI) -> None:
    """The dataset's own description and downloads, straight from dist/."""
    from fastapi.responses import FileResponse

    from .export import FORMATS, MEDIA_TYPES

    settings: Settings = app.state.settings

    def described(request: Request, name: str) -> Response:
        fmt = request.query_params.get("format")
        try:
            media = negotiate.choose(request.headers.get("accept"),
                                     ("text/turtle", "application/ld+json", "application/n-triples"),
                                     fmt)
        except negotiate.NotAcceptable as exc:
            raise ApiError(406, str(exc)) from None
        path = settings.dist / name
        if not path.exists():
            raise ApiError(404, f"{name} is missing from the build: run 'trendgraph build'")
        etag = etag_for(request, media, name)
        if not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        return turtle_as(path.read_bytes(), media, {"ETag": etag, "Vary": "Accept"})

    @app.get("/catalog", summary="DCAT-AP-NL description of the dataset")
    async def catalog(request: Request):
        return described(request, "catalog.ttl")

    @app.get("/.well-known/void", summary="VoID description of the dataset")
    async def void(request: Request):
        return described(request, "void.ttl")

    @app.get("/download/{name}", summary="Download the graph (TriG, N-Quads, Turtle, JSON-LD)")
    async def download(request: Request, name: str):
        kinds = {v: k for k, v in FORMATS.items()}
        if name not in kinds:
            raise ApiError(404, f"no download '{name}'; available: {', '.join(sorted(kinds))}")
        path = settings.dist / name
        if not path.exists():
            raise ApiError(404, f"{name} is missing from the build: run 'trendgraph build'")
        etag = f'"{request.app.state.etag_base}-{name}"'
        if not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        return FileResponse(path, media_type=MEDIA_TYPES[kinds[name]], headers={"ETag": etag})


def etag_for(request: Request, media_type: str, extra: str = "") -> str:
    import hashlib

    key = hashlib.sha1(f"{media_type}|{extra}".encode()).hexdigest()[:10]
    return f'"{request.app.state.etag_base}-{key}"'


def is_federated(sparql: str) -> bool:
    """A query that calls another endpoint: its answer is not fixed by our build."""
    return bool(service_targets(sparql))


def not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match", "")
    tags = [t.strip() for t in header.split(",")]
    return etag in tags or "*" in tags


def check_services(request: Request, sparql: str) -> str:
    """Resolve named services, then refuse SERVICE to any endpoint not on the allow-list,
    before anything runs. Returns the query to run."""
    settings: Settings = request.app.state.settings
    try:
        sparql = resolve_service_aliases(sparql, settings.services)
    except KeyError as exc:
        raise ApiError(400, f"the service '{exc.args[0]}' is not configured on this server "
                            "(TRENDGRAPH_SERVICES)") from None
    allowed = settings.allowed_endpoints
    for target in service_targets(sparql):
        if target not in allowed:
            raise ApiError(400, f"SERVICE <{target}> is not allowed; this endpoint may only "
                                f"federate with: {', '.join(allowed) or 'no endpoints'}")
    return sparql


async def run_query(request: Request, sparql: str, media_type: str, *, offset: int = 0,
                    page_size: int | None = None, prefixes: dict | None = None):
    """Run in the pool; map engine failures onto HTTP errors."""
    settings: Settings = request.app.state.settings
    sparql = check_services(request, sparql)
    job = Job(sparql, media_type, offset, page_size, settings.max_rows,
              tuple(sorted((prefixes or {}).items())))
    try:
        reply = await request.app.state.pool.execute(job)
    except QueryTimeout as exc:
        raise ApiError(503, str(exc)) from None
    except PoolBusy as exc:
        raise ApiError(503, str(exc), {"Retry-After": "5"}) from None
    if not reply.ok:
        if reply.kind == "syntax":
            raise ApiError(400, f"malformed query: {reply.message}")
        raise ApiError(500, f"query failed: {reply.message}")
    return reply


def register_sparql(app: FastAPI) -> None:
    offered_select = negotiate.SELECT_TYPES
    offered_graph = negotiate.GRAPH_TYPES

    async def answer(request: Request, sparql: str | None, fmt: str | None, params: dict):
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise ApiError(400, "default-graph-uri and named-graph-uri are not supported: "
                                "every named graph is available, and the default graph is "
                                "their union; use GRAPH or FROM in the query")
        if sparql is None or not sparql.strip():
            return service_description(request, fmt)
        form = query_form(sparql)
        if form is None and _is_update(sparql):
            raise ApiError(403, "this endpoint is read-only: SPARQL Update is not allowed")
        # form None: not a query we recognise; the engine's parser will say what is wrong
        offered = offered_graph if form in ("construct", "describe") else offered_select
        try:
            media = negotiate.choose(request.headers.get("accept"), offered, fmt)
        except negotiate.NotAcceptable as exc:
            raise ApiError(406, str(exc)) from None
        federated = is_federated(sparql)
        etag = None if federated else etag_for(request, media, sparql)
        if etag and not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        reply = await run_query(request, sparql, media, prefixes=PREFIXES)
        headers = {"Vary": "Accept", **({"ETag": etag} if etag else {})}
        if reply.truncated:
            headers["X-Trendgraph-Truncated"] = f"true; max-rows={request.app.state.settings.max_rows}"
        return Response(reply.body, media_type=with_charset(reply.media_type), headers=headers)

    @app.get("/sparql", summary="SPARQL 1.1 Protocol: query via GET",
             description="`?query=` runs a SPARQL query. Without it: the SPARQL Service Description.")
    async def sparql_get(request: Request):
        params = dict(request.query_params)
        return await answer(request, params.get("query"), params.get("format"), params)

    @app.post("/sparql", summary="SPARQL 1.1 Protocol: query via POST",
              description="Form-encoded `query=` or a body of type `application/sparql-query`. "
                          "Updates are refused with 403.")
    async def sparql_post(request: Request):
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request)
        params = dict(request.query_params)
        if ctype == "application/sparql-update":
            raise ApiError(403, "this endpoint is read-only: SPARQL Update is not allowed")
        if ctype == "application/sparql-query":
            sparql = _decode(body)
        elif ctype == "application/x-www-form-urlencoded":
            form = dict(parse_qsl(_decode(body), keep_blank_values=True))
            if "update" in form:
                raise ApiError(403, "this endpoint is read-only: SPARQL Update is not allowed")
            params.update(form)
            sparql = form.get("query")
            if sparql is None:
                raise ApiError(400, "the form has no 'query' field")
        else:
            raise ApiError(415, "POST a form (application/x-www-form-urlencoded) or "
                                "application/sparql-query")
        return await answer(request, sparql, params.get("format"), params)


async def _read_body(request: Request) -> bytes:
    limit = request.app.state.settings.max_request_bytes
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the request body is not UTF-8") from None


def _is_update(sparql: str) -> bool:
    try:
        from rdflib.plugins.sparql.parser import parseUpdate

        parseUpdate(sparql)
        return True
    except Exception:
        return False


def with_charset(media: str) -> str:
    return media if "charset" in media or media.endswith("+xml") else media + "; charset=utf-8"


SD_TEMPLATE = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix void: <http://rdfs.org/ns/void#> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,
        <http://www.w3.org/ns/formats/Turtle> ,
        <http://www.w3.org/ns/formats/N-Triples> ,
        <http://www.w3.org/ns/formats/JSON-LD> ;
    dcterms:title "trendgraph SPARQL endpoint"@en , "trendgraph SPARQL-endpoint"@nl ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; dcterms:description "The union of all named graphs."@en ] ;
{named}
    ] .
"""


def service_description(request: Request, fmt: str | None) -> Response:
    try:
        media = negotiate.choose(request.headers.get("accept"),
                                 ("text/turtle", "application/n-triples", "application/ld+json",
                                  "text/html"), fmt)
    except negotiate.NotAcceptable as exc:
        raise ApiError(406, str(exc)) from None
    settings: Settings = request.app.state.settings
    manifest = read_manifest(settings.dist) or {}
    named = " ;\n".join(
        f"        sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ; "
        f"sd:graph [ a sd:Graph ; void:triples {n} ] ]"
        for g, n in sorted(manifest.get("triples_per_graph", {}).items()))
    endpoint = str(request.url_for("sparql_get"))
    ttl = SD_TEMPLATE.format(endpoint=endpoint, named=named).encode("utf-8")
    return turtle_as(ttl, "text/turtle" if media == "text/html" else media)


def turtle_as(ttl: bytes, media: str, headers: dict | None = None) -> Response:
    """A Turtle document we hold, answered in the negotiated RDF format."""
    if media == "text/turtle":
        return Response(ttl, media_type="text/turtle; charset=utf-8", headers=headers)
    import pyoxigraph as ox

    from .results import to_jsonld

    triples = [q.triple for q in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]
    if media == "application/ld+json":
        return Response(to_jsonld(triples), media_type="application/ld+json", headers=headers)
    return Response(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                    media_type="application/n-triples", headers=headers)

