"""The triples of a new claim, evidence item, source or review."""

import secrets

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef

from kg.models import ClaimIn, EvidenceIn, SourceIn
from kg.store.base import Triple
from kg.vocab import NHSG, iri

N = Namespace(NHSG)
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")


def new_id(prefix: str) -> str:
    """A fresh slug such as `e-3f9a1c2b7d`: short, unguessable order, never reused."""
    return f"{prefix}-{secrets.token_hex(5)}"


def _date(value: str) -> Literal:
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=datatype)


def source(body: SourceIn, slug: str) -> list[Triple]:
    node = URIRef(iri("source", slug))
    out: list[Triple] = [
        (node, RDF.type, N.Source),
        (node, N.url, Literal(body.url, datatype=XSD.anyURI)),
        (node, DCT.title, Literal(body.title)),
    ]
    if body.publisher:
        out.append((node, DCT.publisher, Literal(body.publisher)))
    if body.date:
        out += [(node, DCT.issued, _date(body.date)), (node, N.dateAsGiven, Literal(body.date))]
    return out


def claim(body: ClaimIn, slug: str, refs: dict[str, str]) -> list[Triple]:
    node = URIRef(iri("claim", slug))
    out: list[Triple] = [
        (node, RDF.type, N.Claim),
        (node, N.aboutBenefit, URIRef(refs["benefit"])),
        (node, N.claimedBy, Literal(body.claimed_by)),
        (node, N.quote, Literal(body.quote)),
        (node, N.source, URIRef(refs["source"])),
    ]
    if refs.get("group"):
        out.append((node, N.aboutGroup, URIRef(refs["group"])))
    return out


def evidence(body: EvidenceIn, slug: str, refs: dict[str, str]) -> list[Triple]:
    node = URIRef(iri("evidence", slug))
    target = (
        (N.aboutClaim, URIRef(refs["claim"]))
        if body.claim
        else (N.aboutBenefit, URIRef(refs["benefit"]))
    )
    out: list[Triple] = [
        (node, RDF.type, N.EvidenceItem),
        (node, *target),
        (node, N.summary, Literal(body.summary)),
        (node, N.source, URIRef(refs["source"])),
        (node, N.evidenceType, URIRef(iri("evidence-type", body.evidence_type))),
        (node, N.independence, URIRef(iri("independence", body.independence))),
        (node, N.direction, URIRef(iri("direction", body.direction))),
        (node, N.directness, URIRef(iri("directness", body.directness))),
    ]
    if body.quote:
        out.append((node, N.quote, Literal(body.quote)))
    if body.date:
        out += [(node, DCT.date, _date(body.date)), (node, N.dateAsGiven, Literal(body.date))]
    return out


def review(
    item: str,
    slug: str,
    status: str,
    comment: str | None,
    agent: URIRef,
    at: Literal,
    supersedes: str | None = None,
) -> list[Triple]:
    node = URIRef(iri("review", slug))
    out: list[Triple] = [
        (node, RDF.type, N.Review),
        (node, N.reviewOf, URIRef(item)),
        (node, N.resultingStatus, URIRef(iri("verification-status", status))),
        (node, PROV.wasAssociatedWith, agent),
        (node, PROV.endedAtTime, at),
    ]
    if comment:
        out.append((node, RDFS.comment, Literal(comment)))
    if supersedes:
        out.append((node, N.supersedes, URIRef(supersedes)))
    return out
