"""The read model: groups, benefits, claims and evidence items as plain dicts for the API and
CLI, assembled from the named queries (never one query per item of a list)."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg import evidence, queries
from kg.errors import ConflictingData
from kg.evidence import ClaimStatus, require
from kg.store.base import Row, Store
from kg.vocab import slug, to_iri

if TYPE_CHECKING:
    from kg.status_view import StatusView


# Claims' fields are looked up by their IRIs, this many to a query, never read for every
# claim: GET /claims, a page of 100, took 26 ms over HTTP at 1M triples instead of 3.0 s. In
# chunks of 1,000, all 15,000 claims took 3.5 s against 3.2 s read at once, and a benefit's
# 2,152 claims 0.48 s.
CLAIMS_PER_LOOKUP = 1000


def _source(row: Row, date_key: str = "date") -> dict | None:
    if not row.get("source"):
        return None
    return {
        "id": slug(row["source"]),
        "url": row.get("url"),
        "title": row.get("title"),
        "publisher": row.get("publisher"),
        "date": row.get(date_key),
    }


def _group(row: Row, members: list[dict], statuses: list[ClaimStatus]) -> dict:
    return {
        "id": slug(row["group"]),
        "iri": row["group"],
        "label": row["label"],
        "model": slug(row.get("model")),
        "model_label": row.get("modelLabel"),
        "model_description": row.get("modelDescription"),
        "region": row.get("region"),
        "formed": row.get("formed"),
        "formed_note": row.get("formedNote"),
        "members": members,
        "claim_statuses": dict(Counter(c.status for c in statuses)),
        "claims_lacking_independent_evidence": sum(evidence.lacks(c.status) for c in statuses),
    }


def _members(rows: list[Row]) -> dict[str, list[dict]]:
    by_group: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_group[r["group"]].append(
            {
                "id": r["ods"],
                "label": r["label"],
                "ods_code": r["ods"],
                "member_from": r.get("from"),
            }
        )
    return by_group


def _statuses_by_group(
    store: Store, view: "StatusView | None"
) -> dict[str | None, list[ClaimStatus]]:
    by_group: dict[str | None, list[ClaimStatus]] = defaultdict(list)
    for c in evidence.claim_statuses(store, view=view):
        by_group[c.group].append(c)
    return by_group


def groups(store: Store, view: "StatusView | None" = None) -> list[dict]:
    """Every group with its members and the statuses of the claims made for it (from `view`,
    the statuses this process keeps, if given)."""
    members = _members(store.select(queries.get("group-members")))
    statuses = _statuses_by_group(store, view)
    return [
        _group(r, members[r["group"]], statuses[slug(r["group"])])
        for r in store.select(queries.get("groups"))
    ]


def group(store: Store, ref: str, view: "StatusView | None" = None) -> dict:
    """One group, with its members and each of its claims with status and reason."""
    node = require(store, "group", ref)
    [row] = store.select(queries.get("groups"), {"group": node})
    members = _members(store.select(queries.get("group-members"), {"group": node}))
    found = evidence.claim_statuses(store, group=node, view=view)
    body = _group(row, members[node], found)
    body["claims"] = claims_with_fields(store, found)
    return body


def claims_with_fields(store: Store, found: Sequence[ClaimStatus]) -> list[dict]:
    """Claims as the API lists them: status and reason plus who claimed what, and the source."""
    iris = [c.iri for c in found]
    fields = {
        r["claim"]: r
        for start in range(0, len(iris), CLAIMS_PER_LOOKUP)
        for r in store.select(
            queries.get("claims"), {"claim": iris[start : start + CLAIMS_PER_LOOKUP]}
        )
    }
    return [_claim(c, fields[c.iri]) for c in found]


def _claim(c: ClaimStatus, row: Row) -> dict:
    return {
        **c.as_dict(),
        "claimed_by": row.get("claimedBy"),
        "quote": row.get("quote"),
        "source": _source(row),
    }


def claim(store: Store, ref: str, view: "StatusView | None" = None) -> dict:
    """One claim with its source and quote, every evidence item, and its status and reason."""
    node = to_iri("claim", ref)
    asks = [
        (queries.get(n), {"claim": node}) for n in ("claims", "claim-evidence", "evidence-details")
    ]
    held = view.held(node) if view is not None else None
    if held is not None:
        fields, items, details = store.select_many(asks)
        found = held
    else:  # just written to, or no kept statuses: its status is asked at once with the rest
        status, fields, items, details = store.select_many(
            [(queries.get("claim-status"), {"claim": node}), *asks]
        )
        found = evidence.statuses(status)  # one per benefit the claim is about
    if len(found) != 1:
        if not found:  # not a claim (404), or one about no benefit (409 below)
            require(store, "claim", ref)
        benefits = ", ".join(c.benefit for c in found)
        raise ConflictingData("claim", ref, f"{len(found)} benefits ({benefits}); a claim has one")
    body = _claim(found[0], fields[0])
    body["evidence"] = [evidence_item_dict(r) for r in with_details(items, details)]
    return body


def with_details(items: list[Row], details: list[Row]) -> list[Row]:
    """Rows of evidence-items or claim-evidence, in their order, joined by ?item to the rows of
    evidence-details (an item with two values of a field, as in SPARQL, gets a row for each)."""
    by_item: dict[str, list[Row]] = defaultdict(list)
    for d in details:
        by_item[d["item"]].append(d)
    return [{**d, **row} for row in items for d in by_item.get(row["item"], [{}])]


def evidence_rows(store: Store, benefit: str | None = None) -> list[Row]:
    """Every evidence item with its fields, status and source (evidence-items with details);
    or only those about `benefit` (an IRI) itself, not about a claim."""
    bound = {"benefit": benefit} if benefit else None
    items, details = store.select_many(
        [(queries.get("evidence-items"), bound), (queries.get("evidence-details"), bound)]
    )
    return with_details(items, details)


def evidence_item_dict(row: Row) -> dict:
    """An evidence-items or claim-evidence row as the API gives an item."""
    return {
        "id": slug(row["item"]),
        "iri": row["item"],
        "claim": slug(row.get("claim")),
        "benefit": slug(row.get("benefit")) if not row.get("claim") else None,
        "summary": row.get("summary"),
        "quote": row.get("quote"),
        "evidence_type": slug(row.get("evidenceType")),
        "independence": slug(row["independence"]),
        "direction": slug(row["direction"]),
        "directness": slug(row["directness"]),
        "date": row.get("date"),
        "verification_status": slug(row["verification"]),
        "independent_evidence": bool(row.get("isEvidence")),
        "source": _source(row, "sourceDate"),
    }


def _provenance(r: Row) -> dict:
    """A provenance row: the named graph a thing was written in, by whom, when, through what."""
    return {
        "graph": r["graph"],
        "by": r.get("by"),
        "at": r.get("at"),
        "activity": r.get("activity"),
        "request_id": r.get("requestId"),
    }


def _review(r: Row) -> dict:
    return {
        "id": slug(r["review"]),
        "status": slug(r["status"]),
        "at": r["at"],
        "by": r.get("by"),
        "comment": r.get("comment"),
    }


def evidence_item(store: Store, ref: str) -> dict:
    """One evidence item with its fields, current status, review history and provenance."""
    node = require(store, "evidence", ref)
    bound = {"item": node}
    names = ("evidence-items", "evidence-details", "evidence-reviews")
    rows, details, reviews, graphs = store.select_many(
        [*((queries.get(n), bound) for n in names), (queries.get("provenance"), {"thing": node})]
    )
    [row] = with_details(rows, details)
    return {
        **evidence_item_dict(row),
        "reviews": [_review(r) for r in reviews],
        "provenance": [_provenance(r) for r in graphs],
    }


def benefits(store: Store, include_indirect: bool = False) -> list[dict]:
    """Every benefit with its definition and the status of its pooled evidence."""
    definitions = {r["benefit"]: r.get("definition") for r in store.select(queries.get("benefits"))}
    return [
        {**b.as_dict(include_indirect), "definition": definitions.get(b.iri)}
        for b in evidence.benefit_statuses(store)
    ]


def benefit(
    store: Store, ref: str, include_indirect: bool = False, view: "StatusView | None" = None
) -> dict:
    """One benefit: its status, every claim about it (by group) and its own evidence items."""
    node = require(store, "benefit", ref)
    [b] = evidence.benefit_statuses(store, benefit=node)
    [definition] = store.select(queries.get("benefits"), {"benefit": node})
    found = evidence.claim_statuses(store, benefit=node, view=view)
    # An item about a claim too breaks the shapes, but `kg load` does not check them.
    items = [evidence_item_dict(r) for r in evidence_rows(store, node) if not r.get("claim")]
    return {
        **b.as_dict(include_indirect),
        "definition": definition.get("definition"),
        "claims": claims_with_fields(store, found),
        "evidence": items,
    }
