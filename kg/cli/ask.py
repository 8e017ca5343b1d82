"""Commands that ask questions: gaps, claims, benefits, query."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg import evidence, queries
from kg.cli.common import MemoryOpt, StoreOpt, opened
from kg.cli.output import print_rows
from kg.errors import InvalidInput, Problem
from kg.tables import list_body

GAP_COLUMNS = ("id", "group", "benefit", "status", "reason")
BENEFIT_COLUMNS = ("id", "label", "claims", "status", "lacks_independent_evidence", "reason")


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


ListFormatOpt = Annotated[ListFormat, typer.Option("--format", help="Output format.")]
GroupOpt = Annotated[str | None, typer.Option("--group", help="Group id (slug or IRI).")]
BenefitOpt = Annotated[str | None, typer.Option("--benefit", help="Benefit id (slug or IRI).")]


def _claim_rows(found: list[evidence.ClaimStatus]) -> list[dict]:
    return [c.as_dict() for c in found]


def gaps(
    group: GroupOpt = None,
    benefit: BenefitOpt = None,
    include_indirect: Annotated[
        bool,
        typer.Option("--include-indirect", help="Count indirect independent evidence as evidence."),
    ] = False,
    fmt: ListFormatOpt = ListFormat.table,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Claims lacking independent evidence, with group, benefit, status and reason."""
    with opened(store, memory) as s:
        rows = _claim_rows(
            evidence.gaps(s, group=group, benefit=benefit, include_indirect=include_indirect)
        )
    print_rows(
        rows,
        GAP_COLUMNS,
        fmt.value,
        body=list_body(rows, len(rows)),
        title=f"{len(rows)} claims lacking independent evidence",
    )


def claims(
    status: Annotated[
        str | None, typer.Option("--status", help="Only claims with this status.")
    ] = None,
    group: GroupOpt = None,
    benefit: BenefitOpt = None,
    fmt: ListFormatOpt = ListFormat.table,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Every claim with the status the evidence rule gives it."""
    with opened(store, memory) as s:
        rows = _claim_rows(evidence.claim_statuses(s, status=status, group=group, benefit=benefit))
    print_rows(
        rows,
        GAP_COLUMNS,
        fmt.value,
        body=list_body(rows, len(rows)),
        title=f"{len(rows)} claims",
    )


def benefits(
    include_indirect: Annotated[
        bool,
        typer.Option("--include-indirect", help="Count indirect independent evidence as evidence."),
    ] = False,
    fmt: ListFormatOpt = ListFormat.table,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Each benefit with the status of all evidence about it, and whether it lacks any."""
    with opened(store, memory) as s:
        rows = [b.as_dict(include_indirect) for b in evidence.benefit_statuses(s)]
    print_rows(rows, BENEFIT_COLUMNS, fmt.value, body=list_body(rows, len(rows)), title="benefits")


def _query_text(query: str | None, file: Path | None, named: str | None) -> str:
    given = [x for x in (query, file, named) if x]
    if len(given) != 1:
        raise InvalidInput(
            "give exactly one of QUERY, --file or --named",
            [Problem("query", "one query source needed")],
        )
    if named:
        return queries.get(named)
    if file:
        if not file.is_file():
            raise InvalidInput(f"no such file: {file}", [Problem(str(file), "no such file")])
        return file.read_text(encoding="utf-8")
    return sys.stdin.read() if query == "-" else str(query)


def query(
    text: Annotated[
        str | None, typer.Argument(metavar="QUERY", help="SPARQL, or - for stdin.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a file.")
    ] = None,
    named: Annotated[str | None, typer.Option("--named", "-n", help="A named query (.rq).")] = None,
    fmt: Annotated[
        TableFormat, typer.Option("--format", help="Output format.")
    ] = TableFormat.table,
    store: StoreOpt = None,
    memory: MemoryOpt = False,
) -> None:
    """Run a read-only SPARQL SELECT or ASK over all graphs."""
    sparql = _query_text(text, file, named)
    with opened(store, memory) as s:
        if _is_ask(sparql):
            print("true" if s.ask(sparql) else "false")
            return
        rows = s.select(sparql)
    columns = list(rows[0]) if rows else []
    print_rows(rows, columns, fmt.value, title=f"{len(rows)} rows")


def _is_ask(sparql: str) -> bool:
    body = "\n".join(
        line
        for line in sparql.splitlines()
        if not line.strip().upper().startswith(("PREFIX", "BASE", "#"))
    )
    return body.strip().upper().startswith("ASK")
