"""The application factory: `create_app(settings)` builds a FastAPI app on one store."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import openapi, problems
from api.limits import BodyLimit
from api.routers import benefits, claims, evidence, exports, gaps, groups, health, sparql
from kg import __version__
from kg.remote_queries import RemoteQueries
from kg.seed import ensure_seeded
from kg.settings import Settings
from kg.status_view import StatusView
from kg.store import OxigraphStore, Store, open_store
from kg.tokens import TokenFile
from kg.workers import QueryPool
from kg.writes import Writer

DESCRIPTION = """Which claimed benefits of NHS groups lack independent evidence?

Groups, member trusts, claims and evidence items with their sources, independence and
verification status; the status of every claim by the rule of the design (section 5); and a
read-only SPARQL 1.1 endpoint. Errors are RFC 9457 `application/problem+json`."""


def _open(settings: Settings) -> Store:
    store = open_store(
        None if settings.memory else settings.store, memory=settings.memory, settings=settings
    )
    if settings.seed:
        ensure_seeded(store)
    return store


def _user_queries(store: Store, settings: Settings) -> QueryPool | RemoteQueries:
    """Where /sparql queries run: killable workers for Oxigraph, the endpoint for a remote."""
    if isinstance(store, OxigraphStore):
        return QueryPool(store, size=settings.query_workers, timeout=settings.query_timeout)
    return RemoteQueries(store, timeout=settings.query_timeout)


def _status_view(store: Store) -> StatusView | None:
    """The statuses kept as writes change them, for a store only this process writes to."""
    return StatusView(store) if isinstance(store, OxigraphStore) else None


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """A new app. It opens (and seeds) the store named by `settings` unless given `store`."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.store = store or _open(settings)
        app.state.view = _status_view(app.state.store)
        app.state.writer = Writer(app.state.store, app.state.view)
        app.state.tokens = TokenFile(settings.tokens_path())
        app.state.pool = _user_queries(app.state.store, settings)
        try:
            yield
        finally:
            app.state.pool.close()
            if app.state.view:
                app.state.view.close()  # before the store: it may be asking it
            if store is None:
                app.state.store.close()

    app = FastAPI(
        title="NHS groups evidence graph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    problems.install(app)
    openapi.install(app)
    for module in (health, groups, benefits, claims, evidence, gaps, sparql, exports):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)
    if settings.cors:
        app.add_middleware(
            CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    return app
