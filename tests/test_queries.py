"""Named queries: found by name, fragments embedded, every one runs on the seed."""

import re

import pytest

from kg import queries
from kg.errors import NotFound


def test_names_exclude_fragments():
    assert {"claim-status", "gaps", "benefit-status", "evidence-status", "stats"} <= set(
        queries.names()
    )
    assert not any(n.startswith("_") for n in queries.names())


def test_embedding_expands_everything():
    text = queries.get("gaps")
    # only binding slots and sections left
    assert "{{" not in re.sub(r"\{\{[?#/]\w+[^}]*\}\}", "", text)
    assert text.count("PREFIX nhsg:") == 1
    assert "GROUP BY ?claim" in text


def test_unknown_name():
    with pytest.raises(NotFound):
        queries.get("nope")


@pytest.mark.parametrize("name", queries.names())
def test_every_named_query_runs_on_the_seed(seeded_store, name):
    assert seeded_store.select(queries.get(name))


def test_evidence_status_on_seed(seeded_store, source_data):
    rows = seeded_store.select(queries.get("evidence-status"))
    assert len(rows) == len(source_data["evidence"])
    assert {r["verification"].rsplit("/", 1)[1] for r in rows} == {"verified"}


def test_bind_fills_slots_or_removes_them():
    text = "SELECT ?c WHERE { {{?c}} ?c a ?t }"
    assert queries.bind(text) == "SELECT ?c WHERE {  ?c a ?t }"
    assert queries.bind(text, {"c": "http://x/1"}) == (
        "SELECT ?c WHERE { VALUES ?c { <http://x/1> } ?c a ?t }"
    )
    assert queries.bind(text, {"c": ["http://x/1", "http://x/2"]}) == (
        "SELECT ?c WHERE { VALUES ?c { <http://x/1> <http://x/2> } ?c a ?t }"
    )


@pytest.mark.parametrize(
    "bindings",
    [
        {"d": "http://x/1"},
        {"c": "http://x/> } DROP ALL"},
        {"c": ["http://x/1", "http://x/> } DROP ALL"]},
        {"c": []},  # no rows: say so, rather than ask a query that matches nothing
    ],
)
def test_bind_refuses_unknown_slots_and_unsafe_iris(bindings):
    with pytest.raises(ValueError):
        queries.bind("SELECT ?c WHERE { {{?c}} ?c a ?t }", bindings)


def test_a_slot_with_a_pattern_adds_it_only_when_bound():
    text = "SELECT * WHERE { OPTIONAL { {{?c | ?i <p> ?c .}} ?i ?q ?o } }"
    assert "<p>" not in queries.bind(text)
    assert "VALUES ?c { <http://x/1> } ?i <p> ?c ." in queries.bind(text, {"c": "http://x/1"})


def test_a_bound_claim_gives_one_row(seeded_store):
    iri = "https://w3id.org/nhs-groups-kg/id/claim/c34"
    rows = seeded_store.select(queries.get("claim-status"), {"claim": iri})
    assert [r["claim"] for r in rows] == [iri]


@pytest.mark.parametrize(
    "bindings, kept",
    [({}, "every"), ({"claim": "http://x/1"}, "one"), ({"group": "http://x/1"}, "every")],
)
def test_bind_keeps_the_section_for_what_is_bound(bindings, kept):
    text = (
        "SELECT * WHERE { {{?claim}} {{?group}} "
        "{{#one}}?c <one> ?o {{#all}}?c <inner> ?o{{/all}}{{/one}}{{#all}}?c <every> ?o{{/all}} }"
    )
    bound = queries.bind(text, bindings)
    assert f"<{kept}>" in bound and "{{" not in bound
    assert ("<one>" in bound) is (kept == "one") and "<inner>" not in bound


def test_one_claim_reads_the_same_either_way(seeded_store):
    # The two sections of a fragment must find the same rows: the page of each claim agrees
    # with that claim's row when every claim is asked for.
    every = {r["claim"]: r for r in seeded_store.select(queries.get("claim-status"))}
    for claim, row in every.items():
        assert seeded_store.select(queries.get("claim-status"), {"claim": claim}) == [row]
