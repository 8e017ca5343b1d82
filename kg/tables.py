"""Rows as delimited text, and the columns of claim lists: shared by the CLI and the API."""

import csv
import io
from collections.abc import Sequence

CLAIM_COLUMNS = ("id", "group", "benefit", "status", "reason")
COUNT_COLUMNS = (
    "items",
    "independent",
    "verified",
    "withdrawn",
    "independent_evidence",
    "indirect",
    "supports",
    "disputes",
    "inconclusive",
)


def cell(v: object) -> str:
    """A value as text in a table cell; None is empty."""
    return "" if v is None else str(v)


def delimited(rows: Sequence[dict], columns: Sequence[str], delimiter: str = ",") -> str:
    """Rows as CSV (or TSV) text with a header line."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue()


def claims_csv(claims: Sequence[dict]) -> str:
    """Claims (as ClaimStatus.as_dict gives them) as CSV, counts flattened into columns."""
    flat = [{**c, **c.get("counts", {})} for c in claims]
    return delimited(flat, CLAIM_COLUMNS + COUNT_COLUMNS)


def list_body(rows: list[dict], total: int, limit: int | None = None, offset: int = 0) -> dict:
    """The JSON body of a list, the same from `GET /gaps` and `kg gaps --format json`."""
    return {"items": rows, "total": total, "limit": limit, "offset": offset}
