"""Parallel loading of big line-based files: same result as one transaction, still all or
nothing, and never for data whose blank nodes the parts would split."""

import pytest
from rdflib import Literal, URIRef

from kg.errors import InvalidInput
from kg.formats import by_name
from kg.loading import load_file
from kg.store import OxigraphStore, bulk

EX = "http://example.org/"


def nquads(n: int) -> bytes:
    lines = [f'<{EX}s{i}> <{EX}p> "v{i}" <{EX}g{i % 3}> .' for i in range(n)]
    lines += [f"<{EX}s{i}> <{EX}q> <{EX}o{i}> ." for i in range(n)]  # no graph: the load's
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(bulk, "MIN_BYTES", 1)
    calls = []
    real = bulk.load_parallel
    # Records the call, not its arguments: holding the store would keep it from reopening.
    monkeypatch.setattr(bulk, "load_parallel", lambda *a: calls.append(1) or real(*a))
    return calls


def rows(store: OxigraphStore) -> set:
    found = store.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {tuple(r.values()) for r in found}


def test_split_lines_cuts_at_line_ends():
    data = nquads(100)
    parts = bulk.split_lines(data, 4)
    assert len(parts) == 4
    assert all(bytes(p).endswith(b"\n") for p in parts)
    assert b"".join(bytes(p) for p in parts) == data


def test_parallel_load_gives_what_one_transaction_gives(tmp_path, small_threshold):
    path = tmp_path / "data.nq"
    path.write_bytes(nquads(500))
    parallel = OxigraphStore(tmp_path / "a")
    _, count = load_file(parallel, path, graph=EX + "load")
    assert small_threshold, "the parallel path was not taken"
    bulk.MIN_BYTES = 1 << 60  # the other store takes the one-transaction path
    single = OxigraphStore(tmp_path / "b")
    assert load_file(single, path, graph=EX + "load")[1] == count == 1000
    assert rows(parallel) == rows(single)
    assert (EX + "load", EX + "s7", EX + "q", EX + "o7") in rows(parallel)


@pytest.mark.parametrize("empty", [True, False])
def test_a_bad_line_at_the_end_writes_nothing(tmp_path, small_threshold, empty):
    path = tmp_path / "bad.nq"
    path.write_bytes(nquads(300) + b"<http://example.org/broken> .\n")
    store = OxigraphStore(tmp_path / "s")
    if not empty:
        store.write_graph(EX + "before", [(URIRef(EX + "a"), URIRef(EX + "p"), Literal(1))])
    with pytest.raises(InvalidInput) as caught:
        load_file(store, path)
    assert (
        caught.value.problems[0].where
        == f"{path}:601:{caught.value.problems[0].where.split(':')[-1]}"
    )
    assert small_threshold, "the parallel path was not taken"
    assert len(store) == (0 if empty else 1)
    assert not list(tmp_path.glob(".s.*")), "the checkpoint and the failed load are removed"
    # The store put back still takes writes, and keeps them.
    store.write_graph(EX + "after", [(URIRef(EX + "b"), URIRef(EX + "p"), Literal(2))])
    store.close()
    assert len(OxigraphStore(tmp_path / "s")) == (1 if empty else 2)


def test_with_the_engine_held_elsewhere_a_bad_file_is_refused_before_loading(
    tmp_path, small_threshold
):
    path = tmp_path / "bad.nq"
    path.write_bytes(nquads(300) + b"<http://example.org/broken> .\n")
    store = OxigraphStore(tmp_path / "s")
    engine = store.engine  # the store cannot be closed and reopened now
    with pytest.raises(InvalidInput):
        load_file(store, path)
    assert not small_threshold and len(engine) == 0


def test_blank_nodes_keep_one_scope(tmp_path, small_threshold):
    data = b"".join(f'_:b <{EX}p> "{i}" .\n'.encode() for i in range(200))
    assert not bulk.can_split(data, by_name("nquads", "rdf"))
    path = tmp_path / "blank.nq"
    path.write_bytes(data)
    store = OxigraphStore(tmp_path / "s")
    load_file(store, path)
    assert len(store.select(f"SELECT DISTINCT ?b WHERE {{ ?b <{EX}p> ?o }}")) == 1
    assert not small_threshold


def test_a_big_load_is_compacted_afterwards(tmp_path, monkeypatch):
    from kg import loading

    path = tmp_path / "data.nq"
    path.write_bytes(nquads(50))
    compacted = []
    monkeypatch.setattr(OxigraphStore, "compact", lambda self: compacted.append(len(self)))
    store = OxigraphStore(tmp_path / "s")
    loading.load_files(store, [path])
    assert compacted == []  # small: not worth it
    monkeypatch.setattr(loading, "COMPACT_AFTER", 100)
    loading.load_files(store, [path])
    assert compacted and compacted[0] >= 100


def test_a_crash_while_going_back_loses_nothing(tmp_path):
    # Between its two renames, going back leaves no store folder, only the checkpoint.
    store = OxigraphStore(tmp_path / "s")
    store.write_graph(EX + "g", [(URIRef(EX + "a"), URIRef(EX + "p"), Literal(1))])
    store.engine.backup(str(tmp_path / ".s.undo-123"))
    store.close()
    (tmp_path / "s").rename(tmp_path / ".s.failed-123")
    assert len(OxigraphStore(tmp_path / "s")) == 1


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"<a_b> <p> <o> .\n" * 5, False),
        (b"<a_b> <p> <o> .\n" * 5 + b"_:x <p> <o> .\n", True),
        (b"<a> <p> <o> .\n_", False),  # an underscore last
        (b"_:x <p> <o> .\n", True),  # first
    ],
)
@pytest.mark.parametrize("look", [1000, 2])  # within the `_`s looked at one by one, and past
def test_blank_nodes_are_found_wherever_they_are(data, found, look):
    assert bulk.has_blank_nodes(data, look) is found
