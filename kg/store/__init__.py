"""Opening a store from a location: a directory (embedded, on disk) or in memory."""

from pathlib import Path
from typing import TYPE_CHECKING

from kg.store.base import Row, Store, Triple
from kg.store.oxigraph import OxigraphStore

if TYPE_CHECKING:
    from kg.settings import Settings

__all__ = ["OxigraphStore", "Row", "Store", "Triple", "open_store"]


# Plain http(s) too: taken as a folder path, "http://host/sparql" became a new local store in
# a folder named "http:" (Path collapses the "//"), seeded and served without a word.
REMOTE = ("sparql+http://", "sparql+https://", "http://", "https://")


def is_remote(location: str | Path | None) -> bool:
    """True for `sparql+http(s)://...` (or plain `http(s)://...`) locations."""
    return isinstance(location, str) and location.startswith(REMOTE)


def open_store(
    location: str | Path | None, *, memory: bool = False, settings: "Settings | None" = None
) -> Store:
    """Open the store at `location`: a directory (embedded, on disk), `sparql+http://HOST/PATH`
    or `http://HOST/PATH` (a remote SPARQL endpoint), or an in-memory one when `memory` is set."""
    if memory or location is None:
        return OxigraphStore(None)
    if is_remote(location):
        from kg.settings import Settings
        from kg.store.sparql import SparqlStore

        s = settings or Settings()
        return SparqlStore(
            str(location).removeprefix("sparql+"),
            update_url=s.sparql_update_url,
            user=s.sparql_user,
            password=s.sparql_password,
            timeout=s.sparql_timeout,
        )
    return OxigraphStore(location)
