"""Saved queries over HTTP: ``/queries`` (the list) and ``/queries/{name}`` (run one),
with paging (``page``, ``pageSize``, RFC 8288 ``Link`` headers) and an OpenAPI 3
operation per saved query, generated from its ``#+`` decorators."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response

from . import negotiate
from .http import ApiError, etag_for, is_federated, not_modified, run_query, with_charset
from .publish import PREFIXES
from .saved import ParameterError, SavedQuery, SavedQueryError, load_saved

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 10_000
SUFFIXES = {"csv": "text/csv", "tsv": "text/tab-separated-values",
            "json": "application/sparql-results+json", "srj": "application/sparql-results+json",
            "srx": "application/sparql-results+xml", "xml": "application/sparql-results+xml",
            "ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}
RESERVED = {"page", "pageSize", "format"}


def _templates():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("trendgraph", "templates"),
                       autoescape=select_autoescape())


def example_url(q: SavedQuery) -> str:
    params = {p.name: p.default for p in q.parameters if p.default is not None}
    return f"/queries/{q.name}" + (f"?{urlencode(params)}" if params else "")


def describe(q: SavedQuery) -> dict:
    return {
        "name": q.name,
        "summary": q.summary,
        "description": q.description,
        "tags": q.tags,
        "form": q.form,
        "url": f"/queries/{q.name}",
        "example": example_url(q),
        "parameters": [
            {"name": p.name, "type": p.type, "required": p.required and p.default is None,
             "default": p.default, "enum": list(p.enum) or None, "description": p.description}
            for p in q.parameters
        ],
    }


def register_queries(app: FastAPI) -> None:
    settings = app.state.settings
    try:
        saved = load_saved(settings.queries)
    except SavedQueryError as exc:
        raise SystemExit(f"trendgraph: {exc}") from None
    app.state.saved = saved
    templates = _templates()

    @app.get("/queries", summary="The saved queries, with parameters and example URLs")
    async def list_queries(request: Request, format: str | None = None):
        items = [describe(q) for q in saved.values()]
        try:
            media = negotiate.choose(request.headers.get("accept"),
                                     ("application/json", "text/html"), format)
        except negotiate.NotAcceptable as exc:
            raise ApiError(406, str(exc)) from None
        if media == "text/html":
            html = templates.get_template("queries.html").render(title="Opgeslagen queries",
                                                                 queries=items)
            return HTMLResponse(html)
        return JSONResponse({"queries": items})

    @app.get("/queries/{name}", include_in_schema=False)
    async def run_saved(request: Request, name: str):
        suffix = None
        if name not in saved and "." in name:
            name, suffix = name.rsplit(".", 1)
        q = saved.get(name)
        if q is None:
            raise ApiError(404, f"no saved query '{name}'; see /queries")
        params = dict(request.query_params)
        page = _int_param(params.pop("page", "1"), "page", 1, 10**9)
        size = _int_param(params.pop("pageSize", str(q.pagination or DEFAULT_PAGE_SIZE)),
                          "pageSize", 1, MAX_PAGE_SIZE)
        fmt = params.pop("format", None)
        if suffix is not None:
            if suffix not in SUFFIXES:
                raise ApiError(404, f"unknown suffix '.{suffix}'; use one of "
                                    + ", ".join("." + s for s in SUFFIXES))
            fmt = suffix
        graph = q.form in ("construct", "describe")
        offered = negotiate.GRAPH_TYPES if graph else negotiate.SELECT_TYPES
        try:
            media = negotiate.choose(request.headers.get("accept"), offered, fmt)
        except negotiate.NotAcceptable as exc:
            raise ApiError(406, str(exc)) from None
        try:
            sparql = q.prepare(params)
        except ParameterError as exc:
            raise ApiError(400, str(exc)) from None
        etag = None if is_federated(sparql) else etag_for(request, media, f"{sparql}|{page}|{size}")
        if etag and not_modified(request, etag):
            return Response(status_code=304, headers={"ETag": etag})
        reply = await run_query(request, sparql, media, offset=(page - 1) * size,
                                page_size=size, prefixes=PREFIXES)
        headers = {"Vary": "Accept", **({"ETag": etag} if etag else {})}
        links = _links(request, page, size, reply.has_more)
        if links:
            headers["Link"] = links
        return Response(reply.body, media_type=with_charset(reply.media_type), headers=headers)

    def custom_openapi():
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        for q in saved.values():
            schema["paths"][f"/queries/{q.name}"] = {"get": _operation(q)}
        app.openapi_schema = schema
        return schema

    app.openapi = custom_openapi


def _int_param(value: str, name: str, low: int, high: int) -> int:
    try:
        n = int(value)
    except ValueError:
        raise ApiError(400, f"'{name}' must be a whole number, got {value!r}") from None
    if not low <= n <= high:
        raise ApiError(400, f"'{name}' must be between {low} and {high}, got {n}")
    return n


def _links(request: Request, page: int, size: int, has_more: bool) -> str:
    def url(p: int) -> str:
        params = dict(request.query_params)
        params.update({"page": str(p), "pageSize": str(size)})
        return f"{request.url.replace(query=urlencode(params))}"

    links = [f'<{url(1)}>; rel="first"']
    if page > 1:
        links.append(f'<{url(page - 1)}>; rel="prev"')
    if has_more:
        links.append(f'<{url(page + 1)}>; rel="next"')
    return ", ".join(links)


def _operation(q: SavedQuery) -> dict:
    graph = q.form in ("construct", "describe")
    types = negotiate.GRAPH_TYPES if graph else negotiate.SELECT_TYPES
    params = []
    for p in q.parameters:
        schema: dict = {"type": p.kind}
        if p.type == "iri":
            schema["format"] = "iri"
        if p.enum:
            schema["enum"] = list(p.enum)
        if p.default is not None:
            schema["default"] = p.default
        desc = p.description or f"{p.type} parameter bound to ?{p.variable}"
        params.append({"name": p.name, "in": "query",
                       "required": p.required and p.default is None,
                       "description": desc, "schema": schema})
    params += [
        {"name": "page", "in": "query", "required": False, "description": "page number (1-based)",
         "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {"name": "pageSize", "in": "query", "required": False, "description": "rows per page",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE,
                    "default": q.pagination or DEFAULT_PAGE_SIZE}},
    ]
    return {
        "operationId": q.name.replace("-", "_"),
        "summary": q.summary,
        "description": q.description,
        "tags": q.tags or ["queries"],
        "parameters": params,
        "responses": {
            "200": {"description": "query results",
                    "content": {t: {} for t in types},
                    "headers": {"Link": {"description": "RFC 8288 paging links",
                                         "schema": {"type": "string"}}}},
            "400": {"description": "a parameter is missing or malformed",
                    "content": {"application/json": {}}},
            "503": {"description": "the query ran out of time", "content": {"application/json": {}}},
        },
    }
