"""`kg synth`: deterministic synthetic data shaped like the seed, for benchmarks at scale.

Groups with 2 to 4 member trusts; claims per group and benefit; evidence items with their own
sources, independence, direction and directness drawn with the seed's proportions; and review
records. Everything is written in the named-graph layout of real writes: each claim, item and
review in its own graph with its PROV record. Benefits are the seed's seven, so the output
loads beside the seed (or alone, for the engine's sake).
"""

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pyoxigraph as ox

from kg.vocab import GRAPH_BASE, ID_BASE, NHSG

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
BENEFITS = (
    "economies-of-scale",
    "shared-scarce-staff-and-workforce-resilience",
    "standardisation-at-scale",
    "leadership-focus-ambidexterity",
    "quality-turnaround-of-struggling-members",
    "shared-investment-digital-infrastructure",
    "controlled-pathway-alternative-to-merger",
)
# The seed's proportions (43 items): 34 independent / 9 affiliated; 15 supports, 12 disputes,
# 16 inconclusive; 12 indirect. Reviews: the seed's are all "verified"; a tenth of synthetic
# items get another status so that every branch of the rule is exercised at scale.
INDEPENDENCE = (("independent", 34), ("affiliated", 9))
DIRECTION = (("supports", 15), ("disputes", 12), ("inconclusive", 16))
DIRECTNESS = (("direct", 31), ("indirect", 12))
STATUS = (("verified", 90), ("unverified", 4), ("disputed", 3), ("withdrawn", 3))
TYPES = (
    "inspection-report",
    "evaluation",
    "news-report",
    "commentary",
    "press-release",
    "qualitative-research",
    "stakeholder-statement",
    "peer-reviewed-study",
)


def _n(kind: str, slug: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID_BASE}{kind}/{slug}")


def _p(name: str, base: str = NHSG) -> ox.NamedNode:
    return ox.NamedNode(base + name)


def _base36(n: int, width: int = 4) -> str:
    """A 4-character code (1.68M of them): synthetic ODS codes Z0000 to ZZZZZ."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(width):
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


class Synth:
    """Yields quads until about `triples` have been produced."""

    def __init__(self, triples: int, seed: int = 1):
        self.target, self.rng = triples, random.Random(seed)
        self.count = 0
        self.clock = datetime(2026, 1, 1, tzinfo=UTC)
        self.agent = _n("agent", "synth")

    def _time(self) -> ox.Literal:
        self.clock += timedelta(seconds=1)
        return ox.Literal(
            self.clock.isoformat().replace("+00:00", "Z"), datatype=ox.NamedNode(XSD + "dateTime")
        )

    def _graph(self, kind: str, key: str, triples: list[tuple]) -> Iterator[ox.Quad]:
        g = ox.NamedNode(f"{GRAPH_BASE}{kind}/synth-{key}")
        act = ox.NamedNode(g.value + "#activity")
        at = self._time()
        record = [
            (g, RDF_TYPE, _p("Bundle", PROV)),
            (g, _p("generatedAtTime", PROV), at),
            (g, _p("wasAttributedTo", PROV), self.agent),
            (g, _p("wasGeneratedBy", PROV), act),
            (act, RDF_TYPE, _p("Activity", PROV)),
            (act, _p("label", RDFS), ox.Literal("kg synth")),
            (self.agent, _p("label", RDFS), ox.Literal("synth")),
        ]
        for s, p, o in triples + record:
            self.count += 1
            yield ox.Quad(s, p, o, g)

    def _group(self, i: int) -> Iterator[ox.Quad]:
        group = _n("group", f"synth-g{i}")
        triples = [
            (group, RDF_TYPE, _p("Group")),
            (group, _p("label", RDFS), ox.Literal(f"Synthetic group {i}")),
        ]
        for j in range(self.rng.randint(2, 4)):
            code = "Z" + _base36(i * 4 + j)
            trust, m = _n("trust", code), _n("membership", f"synth-g{i}-{code}")
            triples += [
                (trust, RDF_TYPE, _p("Trust")),
                (trust, _p("odsCode"), ox.Literal(code)),
                (trust, _p("label", RDFS), ox.Literal(f"Synthetic trust {code}")),
                (m, RDF_TYPE, _p("Membership", ORG)),
                (m, _p("member", ORG), trust),
                (m, _p("organization", ORG), group),
                (group, _p("hasMembership", ORG), m),
            ]
        yield from self._graph("load", f"g{i}", triples)
        for b in self.rng.sample(BENEFITS, self.rng.randint(1, 3)):
            yield from self._claim(group, f"g{i}-{b[:12]}", b)

    def _source(self, key: str) -> tuple[ox.NamedNode, list[tuple]]:
        s = _n("source", f"synth-{key}")
        return s, [
            (s, RDF_TYPE, _p("Source")),
            (
                s,
                _p("url"),
                ox.Literal(
                    f"https://example.org/synth/{key}", datatype=ox.NamedNode(XSD + "anyURI")
                ),
            ),
            (s, _p("title", DCT), ox.Literal(f"Synthetic source {key}")),
        ]

    def _claim(self, group: ox.NamedNode, key: str, benefit: str) -> Iterator[ox.Quad]:
        claim = _n("claim", f"synth-c-{key}")
        source, src = self._source(f"c-{key}")
        yield from self._graph(
            "claim",
            key,
            [
                (claim, RDF_TYPE, _p("Claim")),
                (claim, _p("aboutGroup"), group),
                (claim, _p("aboutBenefit"), _n("benefit", benefit)),
                (claim, _p("claimedBy"), ox.Literal("a synthetic speaker")),
                (claim, _p("quote"), ox.Literal(f"synthetic claim {key}")),
                (claim, _p("source"), source),
                *src,
            ],
        )
        for k in range(self.rng.choice((0, 0, 1, 1, 2, 3))):
            yield from self._item(claim, f"{key}-{k}")

    def _item(self, claim: ox.NamedNode, key: str) -> Iterator[ox.Quad]:
        item = _n("evidence", f"synth-e-{key}")
        source, src = self._source(f"e-{key}")
        yield from self._graph(
            "evidence",
            key,
            [
                (item, RDF_TYPE, _p("EvidenceItem")),
                (item, _p("aboutClaim"), claim),
                (item, _p("summary"), ox.Literal(f"synthetic evidence {key}")),
                (item, _p("source"), source),
                (item, _p("evidenceType"), _n("evidence-type", self.rng.choice(TYPES))),
                (item, _p("independence"), _n("independence", _pick(self.rng, INDEPENDENCE))),
                (item, _p("direction"), _n("direction", _pick(self.rng, DIRECTION))),
                (item, _p("directness"), _n("directness", _pick(self.rng, DIRECTNESS))),
                *src,
            ],
        )
        review = _n("review", f"synth-r-{key}")
        yield from self._graph(
            "review",
            key,
            [
                (review, RDF_TYPE, _p("Review")),
                (review, _p("reviewOf"), item),
                (review, _p("resultingStatus"), _n("verification-status", _pick(self.rng, STATUS))),
                (review, _p("wasAssociatedWith", PROV), self.agent),
                (review, _p("endedAtTime", PROV), self._time()),
                (review, _p("comment", RDFS), ox.Literal("synthetic review")),
            ],
        )

    def quads(self) -> Iterator[ox.Quad]:
        """Groups (with their claims, items and reviews) until the target is reached."""
        i = 0
        while self.count < self.target:
            yield from self._group(i)
            i += 1
