"""Named queries: found by name, fragments embedded, every one runs on the seed."""

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
    assert "{{" not in text
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
