"""FastAPI dependencies as Annotated aliases: what a route needs, from the app's state.

They are `async def` because none of them blocks: FastAPI runs a plain `def` dependency in
the thread pool, and those hops cost more than the rest of a small request (profiled with
py-spy: four hops per POST /evidence)."""

from typing import Annotated

from fastapi import Depends, Request

from kg.errors import Forbidden, Unauthorized
from kg.remote_queries import RemoteQueries
from kg.settings import Settings
from kg.status_view import StatusView
from kg.store import Store
from kg.tokens import Principal, TokenFile
from kg.workers import QueryPool
from kg.writes import Writer


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_pool(request: Request) -> QueryPool | RemoteQueries:
    return request.app.state.pool


async def get_view(request: Request) -> StatusView | None:
    return request.app.state.view


async def get_writer(request: Request) -> Writer:
    return request.app.state.writer


async def get_tokens(request: Request) -> TokenFile:
    return request.app.state.tokens


async def contributor(
    request: Request, tokens: Annotated[TokenFile, Depends(get_tokens)]
) -> Principal:
    """The principal of the request's bearer token; 401 without a valid one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("writes need a bearer token (Authorization: Bearer TOKEN)")
    who = tokens.check(token.strip())
    if who is None:
        raise Unauthorized("this token is not known here (revoked, or from another store)")
    return who


async def reviewer(who: Annotated[Principal, Depends(contributor)]) -> Principal:
    """The principal, if it is a reviewer; 403 otherwise."""
    if not who.may_review():
        raise Forbidden("this route needs a reviewer token")
    return who


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool | RemoteQueries, Depends(get_pool)]
ViewDep = Annotated[StatusView | None, Depends(get_view)]
WriterDep = Annotated[Writer, Depends(get_writer)]
ContributorDep = Annotated[Principal, Depends(contributor)]
ReviewerDep = Annotated[Principal, Depends(reviewer)]
