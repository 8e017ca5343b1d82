"""Build small graphs in tests: a claim and its evidence items, with reviews, in a store."""

import itertools
from datetime import UTC, datetime, timedelta

from rdflib import RDF, SKOS, XSD, Literal, Namespace, URIRef

from kg.store import Store
from kg.vocab import GRAPH_BASE, NHSG, iri

N = Namespace(NHSG)
PROV = Namespace("http://www.w3.org/ns/prov#")
# A POST /evidence body: an independent, direct, supporting audit of seed claim c01.
ITEM = {
    "claim": "c01",
    "summary": "An audit found savings.",
    "source": "s01",
    "evidence_type": "audit",
    "independence": "independent",
    "direction": "supports",
    "directness": "direct",
}
_ids = itertools.count(1)
_clock = itertools.count(1)
_T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _tick() -> Literal:
    t = _T0 + timedelta(seconds=next(_clock))
    return Literal(t.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


class Builder:
    """Writes claims, items and reviews into `store`, each in its own named graph."""

    def __init__(self, store: Store):
        self.store = store
        self.current: dict[str, URIRef] = {}  # item -> its current review, as the writer keeps

    def _write(self, triples: list) -> None:
        self.store.write_graph(f"{GRAPH_BASE}test/{next(_ids)}", triples)

    def benefit(self, slug: str = "test-benefit") -> str:
        node = URIRef(iri("benefit", slug))
        self._write([(node, RDF.type, N.Benefit), (node, SKOS.prefLabel, Literal(slug))])
        return slug

    def group(self, slug: str) -> str:
        self._write([(URIRef(iri("group", slug)), RDF.type, N.Group)])
        return slug

    def claim(self, benefit: str = "test-benefit", group: str | None = "test-group") -> str:
        slug = f"claim-{next(_ids)}"
        node = URIRef(iri("claim", slug))
        triples = [
            (node, RDF.type, N.Claim),
            (node, N.aboutBenefit, URIRef(iri("benefit", benefit))),
        ]
        if group:
            triples.append((node, N.aboutGroup, URIRef(iri("group", group))))
        self._write(triples)
        return slug

    def item(
        self,
        *,
        claim: str | None = None,
        benefit: str | None = None,
        independence: str = "independent",
        direction: str = "supports",
        directness: str = "direct",
        status: str | None = "verified",
    ) -> str:
        """An evidence item; `status` None leaves it without any review (unverified)."""
        slug = f"item-{next(_ids)}"
        node = URIRef(iri("evidence", slug))
        target = (
            (N.aboutClaim, URIRef(iri("claim", claim)))
            if claim
            else (N.aboutBenefit, URIRef(iri("benefit", benefit)))
        )
        self._write(
            [
                (node, RDF.type, N.EvidenceItem),
                (node, *target),
                (node, N.independence, URIRef(iri("independence", independence))),
                (node, N.direction, URIRef(iri("direction", direction))),
                (node, N.directness, URIRef(iri("directness", directness))),
            ]
        )
        if status:
            self.review(slug, status)
        return slug

    def review(self, item: str, status: str) -> None:
        node = URIRef(iri("review", f"r-{next(_ids)}"))
        triples = [
            (node, RDF.type, N.Review),
            (node, N.reviewOf, URIRef(iri("evidence", item))),
            (node, N.resultingStatus, URIRef(iri("verification-status", status))),
            (node, PROV.endedAtTime, _tick()),
        ]
        if item in self.current:  # as the writer does: each review supersedes the last
            triples.append((node, N.supersedes, self.current[item]))
        self.current[item] = node
        self._write(triples)
