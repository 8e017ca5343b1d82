"""Settings from the environment (prefix KG_), shared by the CLI and the API."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the store is and the limits that keep a public service safe."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    store: str = "./kg-data"
    memory: bool = False
    seed: bool = True  # load ontology and seed data into an empty store on first open
    query_timeout: float = 10.0  # seconds, for user SPARQL queries
    max_rows: int = 10_000  # rows of a user SPARQL SELECT
    max_body: int = 64 * 1024  # bytes of a request body
    tokens: str | None = None  # tokens file; default tokens.json in the store folder
    cors: bool = False

    def tokens_path(self) -> Path:
        """The tokens file: KG_TOKENS, else tokens.json beside the store's data."""
        if self.tokens:
            return Path(self.tokens)
        return Path(self.store) / "tokens.json"
