"""The SPARQL 1.1 Protocol endpoint (starlette ASGI app, served by uvicorn).

Routes: ``/query`` and ``/sparql`` (GET ``?query=``, POST form ``query=``, POST
``application/sparql-query``), ``/update`` (POST form ``update=`` or ``application/sparql-update``;
403 unless ``allow_update``), ``/`` (an HTML form that shows the result table; no JavaScript).

Results: SPARQL JSON, XML, CSV or TSV for SELECT / ASK and Turtle, N-Triples, RDF/XML or JSON-LD for
CONSTRUCT / DESCRIBE, chosen by the Accept header or a ``format=`` parameter.

Limits: each query runs in a worker process that is killed past ``timeout`` seconds (answered
with 503 and error E402); at most ``limit`` rows / triples are returned (then the header
``X-KG-Truncated: true`` is set); a request body or query string larger than ``max_request``
bytes is refused with 413.

Read-only workers open the store with ``pyoxigraph.Store.read_only``: they see the store as it was
when the server started, and the store must not be written by another process meanwhile (stop the
server during ``kg build``, or serve with ``--allow-update`` and write through the endpoint).
"""

from __future__ import annotations

import html
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.config import default_store
from kg.errors import KGError, StoreError
from kg.server.pool import WorkerPool
from kg.store.results import GRAPH_FORMATS, RESULT_FORMATS, QueryResult

_RESULT_ALIASES = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
_GRAPH_ALIASES = {
    "text/turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "application/ld+json": "application/ld+json",
}
_QUERY_TYPES = ("application/sparql-query",)
_UPDATE_TYPES = ("application/sparql-update",)


@dataclass
class Settings:
    """How the endpoint runs (see ``kg serve --help``)."""

    store: Path
    timeout: float = 30.0
    limit: int = 10000
    max_request: int = 1_000_000
    workers: int = 2
    allow_update: bool = False


class _TooLarge(Exception):
    pass


def _negotiate(accept: str, fmt: str | None) -> tuple[str, str]:
    """(results media type, graph media type) from a format= value or the Accept header."""
    result, graph = RESULT_FORMATS["json"], GRAPH_FORMATS["turtle"]
    if fmt:
        fmt = fmt.strip().lower()
        short_r = RESULT_FORMATS.get(fmt) or _RESULT_ALIASES.get(fmt)
        short_g = GRAPH_FORMATS.get(fmt) or _GRAPH_ALIASES.get(fmt)
        if fmt in ("n3", "rdf+xml", "turtle"):
            short_g = {"n3": "text/turtle", "rdf+xml": "application/rdf+xml", "turtle": "text/turtle"}[fmt]
        return short_r or result, short_g or graph
    ranked = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, bits[0].lower()))
    ranked.sort()
    found_r = next((_RESULT_ALIASES[m] for _, _, m in ranked if m in _RESULT_ALIASES), None)
    found_g = next((_GRAPH_ALIASES[m] for _, _, m in ranked if m in _GRAPH_ALIASES), None)
    return found_r or result, found_g or graph


async def _body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_operation(request: Request, limit: int) -> tuple[str | None, str | None, dict[str, str]]:
    """(query, update, other parameters) of a protocol request."""
    if len(request.url.query.encode()) > limit:
        raise _TooLarge
    params = {k: v for k, v in request.query_params.items()}
    query, update = params.pop("query", None), params.pop("update", None)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request, limit)
        if ctype in _QUERY_TYPES:
            query = body.decode("utf-8", errors="replace")
        elif ctype in _UPDATE_TYPES:
            update = body.decode("utf-8", errors="replace")
        else:
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", errors="replace")).items()}
            query = form.pop("query", query)
            update = form.pop("update", update)
            params.update(form)
    return query, update, params


def _error(exc: KGError) -> Response:
    status = {"E401": 400, "E402": 503, "E404": 400, "E406": 403}.get(exc.code, 500)
    return PlainTextResponse(str(exc) + "\n", status_code=status)


def _refuse_update() -> Response:
    return PlainTextResponse(
        "[E406] the store is read-only (updates are disabled). Start kg serve with --allow-update to "
        "accept SPARQL UPDATE.\n",
        status_code=403,
    )


def create_app(settings: Settings) -> Starlette:
    """The ASGI app for ``settings`` (its worker pool starts with the app's lifespan)."""
    if not Path(settings.store).is_dir():
        raise StoreError("E400", f"{settings.store} is not a store folder")
    pool = WorkerPool(settings.store, settings.workers, writable=settings.allow_update)

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()

    async def do_update(update: str) -> Response:
        if not settings.allow_update:
            return _refuse_update()
        try:
            await pool.run({"update": update}, settings.timeout)
        except KGError as exc:
            return _error(exc)
        return PlainTextResponse("", status_code=204)

    async def sparql(request: Request) -> Response:
        try:
            query, update, params = await _read_operation(request, settings.max_request)
        except _TooLarge:
            return PlainTextResponse(
                f"request too large (over {settings.max_request} bytes)\n", status_code=413
            )
        if update is not None:
            return await do_update(update)
        if not query:
            return PlainTextResponse(
                "give a SPARQL query as query= or an application/sparql-query body\n", 400
            )
        media, graph_media = _negotiate(
            request.headers.get("accept", "*/*"), params.get("format") or params.get("output")
        )
        try:
            kind, payload, truncated = await pool.run(
                {
                    "sparql": query,
                    "limit": settings.limit,
                    "media_type": media,
                    "graph_media_type": graph_media,
                },
                settings.timeout,
            )
        except KGError as exc:
            return _error(exc)
        headers = {"X-KG-Truncated": "true"} if truncated else {}
        ctype = graph_media if kind == "graph" else media
        if ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        return Response(payload, media_type=ctype, headers=headers)

    async def update_route(request: Request) -> Response:
        if not settings.allow_update:
            return _refuse_update()
        try:
            _, update, _ = await _read_operation(request, settings.max_request)
        except _TooLarge:
            return PlainTextResponse(f"request too large (over {settings.max_request} bytes)\n", 413)
        if not update:
            return PlainTextResponse(
                "give a SPARQL update as update= or an application/sparql-update body\n", 400
            )
        return await do_update(update)

    async def page(request: Request) -> Response:
        query = request.query_params.get("query", "")
        if len(query.encode()) > settings.max_request:
            return PlainTextResponse(f"request too large (over {settings.max_request} bytes)\n", 413)
        body = ""
        if query.strip():
            try:
                result = await pool.run({"sparql": query, "limit": settings.limit}, settings.timeout)
                body = _render(result, settings.limit)
            except KGError as exc:
                body = f'<p class="error">{html.escape(str(exc))}</p>'
        return HTMLResponse(
            _PAGE.format(query=html.escape(query or _EXAMPLE), body=body),
            headers={
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
            },
        )

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/query", sparql, methods=["GET", "POST"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/update", update_route, methods=["POST"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def _cell(term: Any) -> str:
    if term is None:
        return ""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return f'<span class="iri">{html.escape(str(term))}</span>'
    if isinstance(term, Literal):
        return html.escape(str(term))
    return html.escape(f"_:{term}")


def _render(result: QueryResult, limit: int) -> str:
    if result.kind == "ask":
        return f"<p>{'true' if result.boolean else 'false'}</p>"
    if result.kind == "graph":
        head = ["subject", "predicate", "object"]
        rows: list[list[Any]] = [list(t) for t in result.triples]
    else:
        head = result.variables
        rows = [[row.get(v) for v in head] for row in result.terms]
    parts = ["<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"]
    parts += ["<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows]
    parts.append("</table>")
    note = f" (cut at the limit of {limit})" if result.truncated else ""
    parts.append(f"<p>{len(rows)} row(s){note}</p>")
    return "\n".join(parts)


_EXAMPLE = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?type ?date WHERE {
  ?event a kg:Event ; kg:eventType ?type .
  OPTIONAL { ?event kg:dateValue ?date }
} LIMIT 20"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
textarea {{ width: 100%; height: 12em; font-family: monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }}
.iri {{ color: #225; font-family: monospace; }}
.error {{ color: #a00; }}
</style></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Protocol endpoint: <code>/query</code> (GET or POST). Default graph: the union of the named graphs.</p>
<form method="get" action="/"><textarea name="query">{query}</textarea><br>
<button type="submit">Run</button></form>
{body}
</body></html>
"""


def serve(
    store: str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    limit: int = 10000,
    max_request: int = 1_000_000,
    workers: int = 2,
    allow_update: bool = False,
) -> None:
    """Run the endpoint with uvicorn until interrupted."""
    import uvicorn

    settings = Settings(Path(default_store(store)), timeout, limit, max_request, workers, allow_update)
    if allow_update:
        Path(settings.store).mkdir(parents=True, exist_ok=True)
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
