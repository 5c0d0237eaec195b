"""The REST API and dashboard (FastAPI): a thin adapter that validates parameters and calls the store.

Routes: ``/api/events`` (one item per incident cluster, filters, paging,
sorting), ``/api/events.geojson``, ``/api/events/{id}``, ``/api/articles/{id}``,
``/api/stats``, ``POST /api/articles`` (only with a configured token), the
offline dashboard at ``/`` and Swagger UI at ``/docs`` served from vendored files.
"""

from __future__ import annotations

import datetime as dt
import hmac
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

import rasd
from rasd.errors import InputError, StorageError
from rasd.model import Article
from rasd.store import EventQuery, Store, parse_bbox
from rasd.store.ingest import Extractor, ingest
from rasd.store.query import EVENT_TYPES, SORT_KEYS

__all__ = ["ArticleIn", "create_app"]

MAX_POST_ARTICLES = 1000


class ArticleIn(BaseModel):
    """One article to ingest (the CONTRACT input line)."""

    id: str = Field(min_length=1, max_length=512)
    text: str = Field(min_length=1)
    pub_date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_POST_ARTICLES)


def _filters(
    date_from: Annotated[dt.date | None, Query(description="Earliest event date (YYYY-MM-DD).")] = None,
    date_to: Annotated[dt.date | None, Query(description="Latest event date (YYYY-MM-DD).")] = None,
    event_type: Annotated[list[str] | None, Query(description=f"ACLED event type: {', '.join(EVENT_TYPES)}.")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, Query(description="Actor name (English or Arabic) or KB id.")] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2, description="ISO alpha-2.")] = None,
    admin1: Annotated[str | None, Query(description="Governorate / province.")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[str | None, Query(description="Arabic-aware full-text search.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    sort: Annotated[str, Query(description=f"[-]{'|'.join(SORT_KEYS)}")] = "-date",
    limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EventQuery:
    return EventQuery(
        date_from=date_from, date_to=date_to, event_type=tuple(event_type or ()),
        sub_event_type=tuple(sub_event_type or ()), actor=actor, country=country, admin1=admin1,
        bbox=parse_bbox(bbox) if bbox else None, q=q, min_fatalities=min_fatalities, sort=sort,
        limit=limit, offset=offset,
    )


Filters = Annotated[EventQuery, Depends(_filters)]


def create_app(store: Store, *, token: str | None = None, extract: Extractor | None = None) -> FastAPI:
    """The application over ``store``; ``POST /api/articles`` needs ``token`` (and ``extract``)."""
    app = FastAPI(title="Rasd", version=rasd.__version__, docs_url=None, redoc_url=None,
                  description="Conflict events extracted from Arabic news, one item per real-world incident.")
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # the basemap and long listings compress 5-10x
    static = resources.files("rasd.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.exception_handler(InputError)
    async def _bad_input(_request: Request, exc: InputError) -> JSONResponse:
        detail = [{"loc": ["query", exc.where or ""], "msg": exc.reason, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(StorageError)
    async def _storage(_request: Request, exc: StorageError) -> JSONResponse:
        return JSONResponse({"detail": f"store error: {exc}"}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.get("/api/events", summary="Incident clusters matching the filters")
    def list_events(query: Filters) -> dict[str, Any]:
        return store.list_events(query)

    @app.get("/api/events.geojson", summary="The same listing as GeoJSON")
    def events_geojson(query: Filters) -> JSONResponse:
        return JSONResponse(store.geojson(query), media_type="application/geo+json")

    @app.get("/api/events/{event_id}", summary="One incident with its reports, texts and evidence")
    def get_event(event_id: int) -> dict[str, Any]:
        item = store.get_event(event_id)
        if item is None:
            raise HTTPException(404, f"no event {event_id}")
        return item

    @app.get("/api/articles/{article_id:path}", summary="A stored article with its events")
    def get_article(article_id: str) -> dict[str, Any]:
        item = store.get_article(article_id)
        if item is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return item

    @app.get("/api/stats", summary="Counts by day, event type and admin1")
    def stats(query: Filters) -> dict[str, Any]:
        return store.stats(query)

    @app.post("/api/articles", summary="Ingest articles (needs the server's token)")
    def post_articles(body: ArticlesIn, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        if not token or extract is None:
            raise HTTPException(403, "ingest over the API is disabled: start the server with --token")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
        articles = [Article(id=a.id, text=a.text, pub_date=a.pub_date, url=a.url, outlet=a.outlet,
                            origin="POST /api/articles") for a in body.articles]
        return ingest(store, articles, extract).as_dict()

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="Rasd API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    return app
