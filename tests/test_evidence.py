"""The rule of design section 5, on minimal graphs built in each test."""

import pytest

from kg import evidence
from kg.errors import InvalidInput, NotFound


def status_of(store, claim):
    [found] = evidence.claim_statuses(store, claim=claim)
    return found


def test_no_items_is_no_evidence(store, build):
    c = build.claim()
    found = status_of(store, c)
    assert found.status == "no-evidence"
    assert found.reason == "no evidence items"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"independence": "affiliated"},
        {"independence": "commissioned"},
        {"independence": "unknown"},
        {"status": "unverified"},
        {"status": "disputed"},
        {"status": None},  # never reviewed counts as unverified
    ],
)
def test_items_without_independent_evidence(store, build, kwargs):
    c = build.claim()
    build.item(claim=c, **kwargs)
    found = status_of(store, c)
    assert found.status == "no-independent-evidence"
    assert found.counts.items == 1 and found.counts.independent_evidence == 0


def test_indirect_only(store, build):
    c = build.claim()
    build.item(claim=c, directness="indirect")
    build.item(claim=c, directness="indirect", direction="disputes")
    found = status_of(store, c)
    assert found.status == "indirect-only"
    assert found.counts.indirect == 2
    assert "indirect" in found.reason


@pytest.mark.parametrize(
    ("directions", "expected"),
    [
        (["supports"], "supported"),
        (["supports", "inconclusive"], "supported"),
        (["disputes"], "disputed"),
        (["disputes", "inconclusive"], "disputed"),
        (["supports", "disputes"], "contested"),
        (["supports", "disputes", "inconclusive"], "contested"),
        (["inconclusive"], "inconclusive"),
        (["inconclusive", "inconclusive"], "inconclusive"),
    ],
)
def test_direct_independent_evidence(store, build, directions, expected):
    c = build.claim()
    for d in directions:
        build.item(claim=c, direction=d)
    build.item(claim=c, direction="disputes", directness="indirect")  # never decides
    found = status_of(store, c)
    assert found.status == expected
    assert found.counts.supports == directions.count("supports")
    assert found.counts.disputes == directions.count("disputes")


def test_affiliated_support_does_not_make_supported(store, build):
    c = build.claim()
    build.item(claim=c, direction="disputes")
    build.item(claim=c, direction="supports", independence="affiliated")
    assert status_of(store, c).status == "disputed"


def test_withdrawn_items_are_ignored_but_counted_apart(store, build):
    c = build.claim()
    item = build.item(claim=c)
    assert status_of(store, c).status == "supported"
    build.review(item, "withdrawn")
    found = status_of(store, c)
    assert found.status == "no-evidence"
    assert found.counts.withdrawn == 1
    assert "1 withdrawn" in found.reason


def test_latest_review_decides(store, build):
    c = build.claim()
    item = build.item(claim=c, status="unverified")
    assert status_of(store, c).status == "no-independent-evidence"
    build.review(item, "verified")
    assert status_of(store, c).status == "supported"
    build.review(item, "disputed")
    assert status_of(store, c).status == "no-independent-evidence"


def test_evidence_on_other_claims_or_benefit_does_not_leak(store, build):
    build.benefit()
    a, b = build.claim(), build.claim()
    build.item(claim=a)
    build.item(benefit="test-benefit", direction="disputes")
    assert status_of(store, a).status == "supported"
    assert status_of(store, b).status == "no-evidence"


def test_all_claims_in_one_query(store, build):
    claims = [build.claim() for _ in range(5)]
    build.item(claim=claims[0])
    found = {c.id: c.status for c in evidence.claim_statuses(store)}
    assert found == {claims[0]: "supported", **{c: "no-evidence" for c in claims[1:]}}


def test_gaps_and_include_indirect(store, build):
    none, indirect, direct = build.claim(), build.claim(), build.claim()
    build.item(claim=indirect, directness="indirect")
    build.item(claim=direct)
    assert {c.id for c in evidence.gaps(store)} == {none, indirect}
    assert {c.id for c in evidence.gaps(store, include_indirect=True)} == {none}


def test_gap_filters(store, build):
    build.benefit("b1")
    build.benefit("b2")
    x = build.claim(benefit="b1", group="g1")
    y = build.claim(benefit="b2", group="g1")
    z = build.claim(benefit="b1", group=None)
    build.group("g1")
    build.group("g2")
    assert {c.id for c in evidence.gaps(store, group="g1")} == {x, y}
    assert {c.id for c in evidence.gaps(store, benefit="b1")} == {x, z}
    assert {c.id for c in evidence.gaps(store, group="g1", benefit="b2")} == {y}
    assert evidence.gaps(store, group="g2") == []
    with pytest.raises(NotFound):
        evidence.gaps(store, group="nope")


def test_benefit_rule(store, build):
    for b in ("lacking", "via-claim", "via-benefit", "indirect"):
        build.benefit(b)
    build.claim(benefit="lacking")
    c = build.claim(benefit="via-claim")
    build.item(claim=c, direction="disputes")
    build.item(benefit="via-benefit")
    build.item(benefit="indirect", directness="indirect")
    found = {b.id: b for b in evidence.benefit_statuses(store)}
    assert found["lacking"].status == "no-evidence" and found["lacking"].claims == 1
    assert found["via-claim"].status == "disputed"
    assert found["via-benefit"].status == "supported" and found["via-benefit"].claims == 0
    assert found["indirect"].status == "indirect-only"
    assert found["indirect"].as_dict()["lacks_independent_evidence"] is True
    assert found["indirect"].as_dict(include_indirect=True)["lacks_independent_evidence"] is False
    assert found["via-claim"].as_dict()["lacks_independent_evidence"] is False


def test_unknown_status_filter(store):
    with pytest.raises(InvalidInput):
        evidence.claim_statuses(store, status="great")


def test_seed_gaps_are_the_lacking_claims(seeded_store):
    all_claims = evidence.claim_statuses(seeded_store)
    gap_ids = {c.id for c in evidence.gaps(seeded_store)}
    assert gap_ids == {c.id for c in all_claims if evidence.lacks(c.status)}
    assert 0 < len(gap_ids) < len(all_claims)


def test_claims_come_sorted_by_iri(seeded_store):
    # The queries leave the order to Python (a sort in Oxigraph looks IRIs up again and again).
    for found in (evidence.claim_statuses(seeded_store), evidence.gaps(seeded_store)):
        iris = [c.iri for c in found]
        assert len(iris) > 10 and iris == sorted(iris)
