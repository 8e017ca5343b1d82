"""Equivalent phrasings of the gap question, so that each engine is timed on its fastest.

Each is our gaps.rq with one part said another way. Phrasings that give an engine different
rows are not equivalent on that data and are left out by the caller (peers.py checks).

- minus (ours): a review is current when no review supersedes it (MINUS);
- not-exists: the same with FILTER NOT EXISTS;
- status-filter: instead of HAVING on the sums, the status ladder for every claim, then a
  FILTER on the three statuses that mean "lacks independent evidence";
- not-exists+status-filter: both;
- lookups: each of these with the rows found as for one claim (the `one` sections of the
  fragments: nested lookups), where ours joins whole patterns (the `all` sections).
"""

from kg import queries

OURS = queries.bind(queries.get("gaps"))
MINUS = "MINUS { ?newerReview nhsg:supersedes ?review }"
NOT_EXISTS = "FILTER NOT EXISTS { ?newerReview nhsg:supersedes ?review }"
HAVING = "HAVING (SUM(?isEvidence) = SUM(?isIndirect))"
END = "\n}\n"
STATUS_FILTER = (
    '\n  FILTER(?status IN ("no-evidence", "no-independent-evidence", "indirect-only"))' + END
)


def formulations() -> dict[str, str]:
    """Name -> query text; the first is the one we serve."""
    for part in (MINUS, HAVING, END):
        if part not in OURS:
            raise RuntimeError(f"gaps.rq changed: no longer contains {part!r}")
    lookups = queries.bind(queries.sections(queries.get("gaps"), "one"))
    found = {}
    for name, text in (("", OURS), ("lookups+", lookups)):
        by_status = text.replace(HAVING, "").replace(END, STATUS_FILTER)
        found[name + "minus"] = text
        found[name + "not-exists"] = text.replace(MINUS, NOT_EXISTS)
        found[name + "status-filter"] = by_status
        found[name + "not-exists+status-filter"] = by_status.replace(MINUS, NOT_EXISTS)
    return {"minus (ours)" if k == "minus" else k: v for k, v in found.items()}
