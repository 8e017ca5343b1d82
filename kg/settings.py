"""Settings from the environment (prefix KG_), shared by the CLI and the API."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the store is and the limits that keep a public service safe."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    store: str = "./kg-data"
    memory: bool = False
    seed: bool = True  # load ontology and seed data into an empty store on first open
    query_timeout: float = 10.0  # seconds, for user SPARQL queries
    query_workers: int = Field(default=1, ge=1, le=64)  # processes for user SPARQL queries
    max_rows: int = 10_000  # rows of a user SPARQL SELECT
    max_body: int = 64 * 1024  # bytes of a request body
    tokens: str | None = None  # tokens file; default tokens.json in the store folder
    cors: bool = False
    # A remote store (--store sparql+http://HOST:PORT/sparql): where updates go if elsewhere,
    # credentials (HTTP Digest, as Virtuoso's /sparql-auth wants), and a per-request timeout.
    sparql_update_url: str | None = None
    sparql_user: str | None = None
    sparql_password: str | None = None
    sparql_timeout: float = 30.0

    def tokens_path(self) -> Path:
        """The tokens file: KG_TOKENS, else tokens.json beside the store's data."""
        if self.tokens:
            return Path(self.tokens)
        from kg.store import is_remote

        if is_remote(self.store):
            from kg.errors import InvalidInput, Problem

            raise InvalidInput(
                "a remote store needs KG_TOKENS, the path of the tokens file",
                [Problem("KG_TOKENS", "required with a sparql+http store")],
            )
        return Path(self.store) / "tokens.json"
