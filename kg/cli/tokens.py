"""`kg token create|list|revoke`: bearer tokens for writes, kept as salted hashes."""

from enum import StrEnum
from typing import Annotated

import typer

from kg.cli.common import StoreOpt, err, settings_for
from kg.cli.output import print_rows
from kg.tokens import TokenFile

app = typer.Typer(help="Tokens for writing through the API.", no_args_is_help=True)


class Role(StrEnum):
    contributor = "contributor"
    reviewer = "reviewer"


def _file(store: str | None) -> TokenFile:
    return TokenFile(settings_for(store, False).tokens_path())


@app.command()
def create(
    name: Annotated[str, typer.Argument(help="Who the token is for; recorded with each write.")],
    role: Annotated[
        Role, typer.Option("--role", help="reviewer may also review.")
    ] = Role.contributor,
    store: StoreOpt = None,
) -> None:
    """Create a token for NAME (replacing its old one) and print it as the last line."""
    tokens = _file(store)
    token = tokens.create(name, role.value)
    err.print(
        f"token for {name} ({role.value}), kept as a hash in {tokens.path}; it is shown once:"
    )
    print(token)


@app.command("list")
def list_tokens(store: StoreOpt = None) -> None:
    """Who has a token, with role and creation time (never the token)."""
    print_rows(_file(store).list(), ("name", "role", "created"), "table", title="tokens")


@app.command()
def revoke(name: Annotated[str, typer.Argument()], store: StoreOpt = None) -> None:
    """Revoke NAME's token."""
    _file(store).revoke(name)
    err.print(f"revoked the token of {name}")
