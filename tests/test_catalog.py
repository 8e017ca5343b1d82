"""kg.catalog: the pages assembled from several named queries agree with each other."""

from collections import Counter

import pytest
from rdflib import RDF, URIRef

from kg import catalog, evidence, queries
from kg.catalog import with_details
from kg.errors import ConflictingData, NotFound
from kg.store import OxigraphStore
from kg.vocab import NHSG, iri


def test_details_join_by_item_in_the_items_order():
    items = [{"item": "b", "x": 1}, {"item": "a", "x": 2}, {"item": "c", "x": 3}]
    details = [{"item": "a", "summary": "A"}, {"item": "b", "summary": "B1"}]
    details.append({"item": "b", "summary": "B2"})  # two values of a field: a row for each
    assert with_details(items, details) == [
        {"item": "b", "x": 1, "summary": "B1"},
        {"item": "b", "x": 1, "summary": "B2"},
        {"item": "a", "x": 2, "summary": "A"},
        {"item": "c", "x": 3},
    ]


def test_a_claims_items_are_as_their_own_pages_give_them(seeded_store):
    seen = 0
    for c in evidence.claim_statuses(seeded_store):
        for item in catalog.claim(seeded_store, c.id)["evidence"]:
            page = catalog.evidence_item(seeded_store, item["id"])
            assert item == {k: v for k, v in page.items() if k not in ("reviews", "provenance")}
            assert item["summary"] and item["source"]["url"]  # the details were joined
            seen += 1
    assert seen == len(catalog.evidence_rows(seeded_store)) - sum(
        1 for r in catalog.evidence_rows(seeded_store) if not r.get("claim")
    )


def test_a_page_of_claims_has_the_fields_every_claim_has(seeded_store, monkeypatch):
    found = evidence.claim_statuses(seeded_store)
    page = found[3:9]
    looked_up = catalog.claims_with_fields(seeded_store, page)
    monkeypatch.setattr(catalog, "CLAIMS_PER_LOOKUP", 4)  # two lookups instead of one
    assert looked_up == catalog.claims_with_fields(seeded_store, page)
    assert [c["id"] for c in looked_up] == [c.id for c in page]
    assert all(c["claimed_by"] and c["source"] for c in looked_up)
    assert catalog.claims_with_fields(seeded_store, []) == []


def test_a_claim_page_tells_no_claim_from_a_claim_about_no_benefit():
    store = OxigraphStore(None)
    claim = iri("claim", "orphan")
    store.commit_graph(iri("graph", "orphan"), [(URIRef(claim), RDF.type, URIRef(NHSG + "Claim"))])
    with pytest.raises(ConflictingData, match="0 benefits"):
        catalog.claim(store, "orphan")
    with pytest.raises(NotFound):
        catalog.claim(store, "nothing")


def test_a_benefits_own_items_are_those_of_every_item_about_it(seeded_store):
    every = catalog.evidence_rows(seeded_store)
    pooled = 0
    for b in evidence.benefit_statuses(seeded_store):
        own = [r for r in every if r.get("benefit") == b.iri and not r.get("claim")]
        assert catalog.evidence_rows(seeded_store, b.iri) == own
        assert catalog.benefit(seeded_store, b.iri)["evidence"] == [
            catalog.evidence_item_dict(r) for r in own
        ]
        pooled += len(own)
    assert pooled == sum(1 for r in every if not r.get("claim")) > 0


def test_a_benefits_page_reads_only_its_own_claims_and_items(seeded_store, monkeypatch):
    about = Counter(c.benefit for c in evidence.claim_statuses(seeded_store))
    b = iri("benefit", about.most_common(1)[0][0])
    looked_up = catalog.benefit(seeded_store, b)["claims"]
    monkeypatch.setattr(catalog, "CLAIMS_PER_LOOKUP", 2)  # its claims in several lookups
    asked = _bindings(seeded_store, monkeypatch)
    assert catalog.benefit(seeded_store, b)["claims"] == looked_up
    assert len(looked_up) > 2 and all(c["claimed_by"] and c["source"] for c in looked_up)
    # Only the benefit's claims and its own items were read, not every claim's or item's.
    chunks = [bound["claim"] for bound in asked[queries.get("claims")]]
    assert all(len(chunk) <= 2 for chunk in chunks)
    assert [iri for chunk in chunks for iri in chunk] == [c["iri"] for c in looked_up]
    for name in ("evidence-items", "evidence-details"):
        assert asked[queries.get(name)] == [{"benefit": b}]


def _bindings(store, monkeypatch) -> dict:
    real, asked = store.select, {}

    def select(query, bindings=None):
        asked.setdefault(query, []).append(bindings)
        return real(query, bindings)

    monkeypatch.setattr(store, "select", select)
    return asked
