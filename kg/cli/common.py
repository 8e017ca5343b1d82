"""What every `kg` command shares: the store options, opening the store, failing cleanly."""

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from kg.seed import ensure_seeded
from kg.settings import Settings
from kg.store import Store, open_store

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", "-s", help="Store folder (default ./kg-data, or KG_STORE).", show_default=False
    ),
]
MemoryOpt = Annotated[bool, typer.Option("--memory", help="Use a new in-memory store.")]

err = Console(stderr=True, soft_wrap=True)
# Off a terminal rich would wrap tables at 80 columns; a pipe or a file gets full lines.
out = Console(width=None if sys.stdout.isatty() else 240)


def settings_for(store: str | None, memory: bool) -> Settings:
    """Settings from the environment, overridden by the command's own options."""
    settings = Settings()
    if store is not None:
        settings.store = store
    if memory:
        settings.memory = True
    return settings


@contextmanager
def opened(store: str | None, memory: bool, *, seed: bool = True) -> Iterator[Store]:
    """Open the store the options name, seeded on first open, and close it afterwards."""
    settings = settings_for(store, memory)
    location = None if settings.memory else settings.store
    with open_store(location, memory=settings.memory, settings=settings) as s:
        if seed and settings.seed and ensure_seeded(s) and not settings.memory:
            err.print(f"[dim]new store at {s.location}: loaded ontology and seed data[/dim]")
        yield s


def quiet_libraries() -> None:
    """rdflib logs a traceback for each ill-typed literal; we report those ourselves."""
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)


def file_progress() -> Progress:
    """A progress bar for reading files, on stderr."""
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
