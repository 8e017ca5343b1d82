"""Opening a store from a location: a directory (embedded, on disk) or in memory."""

from pathlib import Path

from kg.store.base import Row, Store, Triple
from kg.store.oxigraph import OxigraphStore

__all__ = ["OxigraphStore", "Row", "Store", "Triple", "open_store"]


def open_store(location: str | Path | None, *, memory: bool = False) -> Store:
    """Open the store at `location` (a directory) or an in-memory one when `memory` is set."""
    if memory or location is None:
        return OxigraphStore(None)
    return OxigraphStore(location)
