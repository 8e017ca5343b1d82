"""Namespaces, instance IRIs and the controlled vocabularies of the design (section 4)."""

import re
from typing import Final

NHSG: Final = "https://w3id.org/nhs-groups-kg/ontology#"
ID_BASE: Final = "https://w3id.org/nhs-groups-kg/id/"
GRAPH_BASE: Final = "https://w3id.org/nhs-groups-kg/graph/"
ONTOLOGY_GRAPH: Final = GRAPH_BASE + "ontology"
SEED_GRAPH: Final = GRAPH_BASE + "seed"

PREFIXES: Final = {
    "nhsg": NHSG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "id": ID_BASE,
}

# Concept scheme path -> allowed ids. Fixed by the design; tests check the ontology agrees.
VOCABULARIES: Final[dict[str, tuple[str, ...]]] = {
    "direction": ("supports", "disputes", "inconclusive"),
    "independence": ("independent", "affiliated", "commissioned", "unknown"),
    "directness": ("direct", "indirect"),
    "verification-status": ("unverified", "verified", "disputed", "withdrawn"),
    "evidence-type": (
        "inspection-report",
        "peer-reviewed-study",
        "evaluation",
        "audit",
        "official-statistics",
        "qualitative-research",
        "survey",
        "board-paper",
        "annual-report",
        "press-release",
        "news-report",
        "stakeholder-statement",
        "commentary",
        "other",
    ),
}

# The claim statuses of the rule (design section 5), in the order of "how well supported".
STATUSES: Final = (
    "no-evidence",
    "no-independent-evidence",
    "indirect-only",
    "inconclusive",
    "disputed",
    "contested",
    "supported",
)
LACKING: Final = frozenset({"no-evidence", "no-independent-evidence", "indirect-only"})


def iri(kind: str, slug: str) -> str:
    """The instance IRI of a thing of `kind` (group, claim, ...) with id `slug`."""
    return f"{ID_BASE}{kind}/{slug}"


def slug(value: str | None) -> str | None:
    """The short id of an instance IRI (its last path segment); None stays None."""
    if value is None:
        return None
    return value.rsplit("/", 1)[-1]


_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")


def to_iri(kind: str, ref: str) -> str:
    """Accept a slug or a full IRI of `kind`, as the API and CLI do, and give the IRI.

    Anything else cannot name a thing of ours, so it is NotFound; this also keeps every id
    that reaches a query text a plain slug.
    """
    prefix = iri(kind, "")
    candidate = ref[len(prefix) :] if ref.startswith(prefix) else ref
    if not _SLUG.fullmatch(candidate):
        from kg.errors import NotFound

        raise NotFound(kind, ref)
    return iri(kind, candidate)
