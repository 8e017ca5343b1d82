"""The write journal: a write is synced to it before it returns, and a store that lost writes
(a crash before the store flushed) gets them back from it when it opens."""

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.store import OxigraphStore
from kg.store import oxigraph as oxigraph_module
from kg.store.journal import Journal

EX = "http://example.org/"
TRIPLES = [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))]


def nquads(graph: str, subject: str = "a") -> bytes:
    return f'<{EX}{subject}> <{EX}p> "x" <{graph}> .\n'.encode()


def test_a_write_is_journalled_and_synced_before_it_returns(tmp_path, monkeypatch):
    store = OxigraphStore(tmp_path)
    synced_sizes = []
    monkeypatch.setattr(Journal, "sync", lambda self: synced_sizes.append(self.size()))
    store.write_graph(EX + "g1", TRIPLES)
    journal = Journal(tmp_path)
    assert [g for g, _ in journal.records()] == [EX + "g1"]
    assert synced_sizes and synced_sizes[-1] == journal.size() > 0
    store.close()


def test_opening_applies_writes_the_store_lacks(tmp_path):
    OxigraphStore(tmp_path).close()
    journal = Journal(tmp_path)  # as if the process died after the sync, before any flush
    journal.append(EX + "lost", nquads(EX + "lost"))
    journal.sync()
    journal.close()
    store = OxigraphStore(tmp_path)
    assert EX + "lost" in store.graph_names()
    assert store.ask(f'ASK {{ GRAPH <{EX}lost> {{ <{EX}a> <{EX}p> "x" }} }}')
    assert Journal(tmp_path).size() == 0  # recovered, flushed, emptied
    store.close()


def test_a_torn_last_write_is_ignored(tmp_path):
    OxigraphStore(tmp_path).close()
    journal = Journal(tmp_path)
    journal.append(EX + "whole", nquads(EX + "whole"))
    with open(journal.path, "ab") as fh:  # died mid-append: never acknowledged
        fh.write(nquads(EX + "torn", "b")[:20])
    journal.close()
    store = OxigraphStore(tmp_path)
    assert store.graph_names() == [EX + "whole"]
    store.close()


def test_a_write_already_in_the_store_is_not_applied_twice(tmp_path):
    store = OxigraphStore(tmp_path)
    store.write_graph(EX + "g1", TRIPLES)
    store.close()
    journal = Journal(tmp_path)  # as if the store had flushed g1 but died before emptying this
    journal.append(EX + "g1", nquads(EX + "g1", "other"))
    journal.close()
    store = OxigraphStore(tmp_path)
    assert not store.ask(f"ASK {{ <{EX}other> ?p ?o }}")
    assert store.ask(f"ASK {{ <{EX}a> ?p ?o }}")
    store.close()


def test_a_failed_commit_leaves_nothing_in_the_journal(tmp_path, monkeypatch):
    store = OxigraphStore(tmp_path)
    store.write_graph(EX + "g1", TRIPLES)

    class Failing:
        def __getattr__(self, name):
            return getattr(real, name)

        def extend(self, quads):
            raise OSError("disk full")

    real = store._store
    store._store = Failing()
    with pytest.raises(OSError):
        store.write_graph(EX + "g2", TRIPLES)
    store._store = real
    assert [g for g, _ in Journal(tmp_path).records()] == [EX + "g1"]
    store.close()


def test_a_long_journal_is_checkpointed(tmp_path, monkeypatch):
    monkeypatch.setattr(oxigraph_module, "CHECKPOINT_BYTES", 200)
    store = OxigraphStore(tmp_path)
    for i in range(5):
        store.write_graph(f"{EX}g{i}", TRIPLES)
    assert Journal(tmp_path).size() < 400
    assert len(store.graph_names()) == 5
    store.close()
    reopened = ox.Store.read_only(str(tmp_path))
    assert len(list(reopened.named_graphs())) == 5
