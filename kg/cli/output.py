"""Printing rows as a table, JSON, CSV or TSV; the same shapes the API returns."""

import csv
import io
import json
from collections.abc import Sequence

from rich.table import Table

from kg.cli.common import out

TABLE_FORMATS = ("table", "json", "csv", "tsv")


def _cell(v: object) -> str:
    return "" if v is None else str(v)


def delimited(rows: Sequence[dict], columns: Sequence[str], delimiter: str = ",") -> str:
    """Rows as CSV (or TSV) text with a header line."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


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
            table.add_row(*(_cell(row.get(c)) for c in columns))
        out.print(table)
