"""FastAPI dependencies as Annotated aliases: what a route needs, from the app's state."""

from typing import Annotated

from fastapi import Depends, Request

from kg.settings import Settings
from kg.store import Store
from kg.workers import QueryPool


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_pool(request: Request) -> QueryPool:
    return request.app.state.pool


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
