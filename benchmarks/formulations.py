"""Equivalent phrasings of the gap question, so that each engine is timed on its fastest.

Each is our gaps.rq with one part said another way. Phrasings that give an engine different
rows are not equivalent on that data and are left out by the caller (peers.py checks).

- minus (ours): a review is current when no review supersedes it (MINUS);
- not-exists: the same with FILTER NOT EXISTS;
- status-filter: instead of HAVING on the sums, the status ladder for every claim, then a
  FILTER on the three statuses that mean "lacks independent evidence";
- not-exists+status-filter: both.
"""

from kg import queries

OURS = queries.bind(queries.get("gaps"))
MINUS = "MINUS { ?newerReview nhsg:supersedes ?review }"
NOT_EXISTS = "FILTER NOT EXISTS { ?newerReview nhsg:supersedes ?review }"
HAVING = "HAVING (SUM(?isEvidence) = SUM(?isIndirect))"
END = "\n}\nORDER BY ?claim"
STATUS_FILTER = (
    '\n  FILTER(?status IN ("no-evidence", "no-independent-evidence", "indirect-only"))' + END
)


def formulations() -> dict[str, str]:
    """Name -> query text; the first is the one we serve."""
    for part in (MINUS, HAVING, END):
        if part not in OURS:
            raise RuntimeError(f"gaps.rq changed: no longer contains {part!r}")
    by_status = OURS.replace(HAVING, "").replace(END, STATUS_FILTER)
    return {
        "minus (ours)": OURS,
        "not-exists": OURS.replace(MINUS, NOT_EXISTS),
        "status-filter": by_status,
        "not-exists+status-filter": by_status.replace(MINUS, NOT_EXISTS),
    }
