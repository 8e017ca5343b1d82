"""Printing rows as a table, JSON, CSV or TSV; the same shapes the API returns."""

import json
from collections.abc import Sequence

from rich.table import Table

from kg.cli.common import out
from kg.tables import cell, delimited

TABLE_FORMATS = ("table", "json", "csv", "tsv")


def print_rows(
    rows: Sequence[dict],
    columns: Sequence[str],
    fmt: str,
    *,
    body: object | None = None,
    title: str | None = None,
) -> None:
    """Print rows in `fmt`; `body` is what JSON prints (default: the rows as a list)."""
    if fmt == "json":
        print(json.dumps(rows if body is None else body, indent=2, ensure_ascii=False))
    elif fmt in ("csv", "tsv"):
        print(delimited(rows, columns, "," if fmt == "csv" else "\t"), end="")
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            wide = c in ("reason", "label")
            table.add_column(c, overflow="fold", no_wrap=not wide, ratio=3 if wide else None)
        for row in rows:
            table.add_row(*(cell(row.get(c)) for c in columns))
        out.print(table)
