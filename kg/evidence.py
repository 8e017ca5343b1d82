"""The rule of design section 5, asked through the named queries, with a reason for each answer."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import RDF

from kg import queries
from kg.errors import InvalidInput, NotFound, Problem
from kg.store.base import Row, Store
from kg.vocab import LACKING, NHSG, STATUSES, slug, to_iri

if TYPE_CHECKING:
    from kg.status_view import StatusView

_CLASSES = {
    "group": "Group",
    "benefit": "Benefit",
    "claim": "Claim",
    "evidence": "EvidenceItem",
    "source": "Source",
    "trust": "Trust",
}


@dataclass(frozen=True)
class Counts:
    """What the status of a claim or benefit was decided from."""

    items: int
    independent: int
    verified: int
    withdrawn: int
    independent_evidence: int
    indirect: int
    supports: int
    disputes: int
    inconclusive: int

    @classmethod
    def from_row(cls, row: Row) -> "Counts":
        """Counts from a claim-status or benefit-status row."""
        return cls(
            items=int(row["items"]),
            independent=int(row["independent"]),
            verified=int(row["verified"]),
            withdrawn=int(row["withdrawn"]),
            independent_evidence=int(row["independentEvidence"]),
            indirect=int(row["indirect"]),
            supports=int(row["supports"]),
            disputes=int(row["disputes"]),
            inconclusive=int(row["inconclusive"]),
        )


def reason(status: str, c: Counts) -> str:
    """Why a status was given, in one sentence with the counts behind it."""
    withdrawn = f" ({c.withdrawn} withdrawn, not counted)" if c.withdrawn else ""
    if status == "no-evidence":
        return f"no evidence items{withdrawn}"
    tally = (
        f"{c.items} item{'s' if c.items != 1 else ''}{withdrawn}: {c.independent} "
        f"independent, {c.verified} verified"
    )
    if status == "no-independent-evidence":
        return f"{tally}; none is both independent and verified"
    if status == "indirect-only":
        return (
            f"{tally}; all {c.independent_evidence} independent verified items are indirect "
            "(about mergers or the NHS at large, not groups)"
        )
    direct = c.independent_evidence - c.indirect
    return (
        f"{tally}; {direct} direct independent verified: {c.supports} support, "
        f"{c.disputes} dispute, {c.inconclusive} inconclusive"
    )


def lacks(status: str, include_indirect: bool = False) -> bool:
    """True when a status means "lacks independent evidence" (optionally counting indirect)."""
    return status in LACKING and not (include_indirect and status == "indirect-only")


@dataclass(frozen=True)
class ClaimStatus:
    """A claim, the status the rule gives it and the counts behind it."""

    id: str
    iri: str
    group: str | None
    benefit: str
    status: str
    counts: Counts

    @property
    def reason(self) -> str:
        """Why the claim has its status."""
        return reason(self.status, self.counts)

    def as_dict(self) -> dict:
        """The claim's fields as the API and `kg --format json` give them."""
        return {
            "id": self.id,
            "iri": self.iri,
            "group": self.group,
            "benefit": self.benefit,
            "status": self.status,
            "reason": self.reason,
            "counts": dict(vars(self.counts)),  # asdict deep-copies: 10x slower
        }

    @classmethod
    def from_row(cls, row: Row) -> "ClaimStatus":
        """A ClaimStatus from a claim-status row."""
        return cls(
            id=slug(row["claim"]),
            iri=row["claim"],
            group=slug(row.get("group")),
            benefit=slug(row["benefit"]),
            status=row["status"],
            counts=Counts.from_row(row),
        )


@dataclass(frozen=True)
class BenefitStatus:
    """A benefit with the status of all the evidence about it, pooled."""

    id: str
    iri: str
    label: str
    claims: int
    status: str
    counts: Counts

    @property
    def reason(self) -> str:
        """Why the benefit has its status."""
        return reason(self.status, self.counts)

    def as_dict(self, include_indirect: bool = False) -> dict:
        """The benefit's fields as the API and CLI give them."""
        return {
            "id": self.id,
            "iri": self.iri,
            "label": self.label,
            "claims": self.claims,
            "status": self.status,
            "reason": self.reason,
            "lacks_independent_evidence": lacks(self.status, include_indirect),
            "counts": dict(vars(self.counts)),  # asdict deep-copies: 10x slower
        }


def require(store: Store, kind: str, ref: str) -> str:
    """The IRI of an existing `kind` (group, benefit, claim, ...) given a slug or IRI."""
    node = to_iri(kind, ref)
    if not store.has(node, str(RDF.type), f"{NHSG}{_CLASSES[kind]}"):
        raise NotFound(kind, ref)
    return node


def _check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise InvalidInput(
            f"unknown status '{status}'",
            [Problem("status", f"must be one of: {', '.join(STATUSES)}")],
        )


def statuses(rows: list[Row]) -> list[ClaimStatus]:
    """The rows of the claim-status or gaps query as claims with their status, by IRI (the
    queries leave the order to us: see gaps.rq)."""
    return sorted((ClaimStatus.from_row(r) for r in rows), key=lambda c: c.iri)


def _filtered(
    found: Sequence[ClaimStatus], group: str | None, benefit: str | None
) -> Sequence[ClaimStatus]:
    """Claims of one group and/or benefit (IRIs); the rule itself always runs for all claims."""
    if group is None and benefit is None:
        return found
    return [
        c
        for c in found
        if (group is None or c.group == slug(group))
        and (benefit is None or c.benefit == slug(benefit))
    ]


def claim_statuses(
    store: Store,
    *,
    claim: str | None = None,
    group: str | None = None,
    benefit: str | None = None,
    status: str | None = None,
    view: "StatusView | None" = None,
) -> list[ClaimStatus]:
    """Every claim (or one) with its status; filters take slugs or IRIs. Given the `view`
    this process keeps, the statuses come from it rather than from the rule run anew."""
    _check_status(status)
    group_iri = require(store, "group", group) if group else None
    benefit_iri = require(store, "benefit", benefit) if benefit else None
    node = require(store, "claim", claim) if claim else None
    if view is not None:
        found = view.statuses(node)
    else:
        found = statuses(
            store.select(queries.get("claim-status"), {"claim": node} if node else None)
        )
    found = _filtered(found, group_iri, benefit_iri)
    return [c for c in found if status is None or c.status == status]


def gaps(
    store: Store,
    *,
    group: str | None = None,
    benefit: str | None = None,
    include_indirect: bool = False,
    view: "StatusView | None" = None,
) -> list[ClaimStatus]:
    """Claims lacking independent evidence; `include_indirect` counts indirect evidence.
    Given the `view` this process keeps, from it rather than from the rule run anew."""
    group_iri = require(store, "group", group) if group else None
    benefit_iri = require(store, "benefit", benefit) if benefit else None
    found = view.statuses() if view else statuses(store.select(queries.get("gaps")))
    found = _filtered(found, group_iri, benefit_iri)
    return [c for c in found if lacks(c.status, include_indirect)]


def benefit_statuses(store: Store, *, benefit: str | None = None) -> list[BenefitStatus]:
    """Every benefit (or one) with the status of its pooled evidence."""
    bindings = {"benefit": require(store, "benefit", benefit)} if benefit else None
    rows = store.select(queries.get("benefit-status"), bindings)
    return [
        BenefitStatus(
            id=slug(r["benefit"]),
            iri=r["benefit"],
            label=r["label"],
            claims=int(r["claims"]),
            status=r["status"],
            counts=Counts.from_row(r),
        )
        for r in rows
    ]
