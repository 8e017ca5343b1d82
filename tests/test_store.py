"""The embedded store: persistence, loading each format all-or-nothing, named graphs."""

import io

import pytest
from rdflib import RDF, Literal, URIRef

from kg.errors import InvalidInput, QuerySyntaxError, StoreUnavailable
from kg.formats import by_name
from kg.loading import load_file, load_files
from kg.seed import ensure_seeded
from kg.store import OxigraphStore, open_store

EX = "http://example.org/"
TTL = b'@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:q "x" .\n'
DOCS = {
    "turtle": (".ttl", TTL),
    "ntriples": (
        ".nt",
        b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n",
    ),
    "nquads": (
        ".nq",
        b"<http://example.org/a> <http://example.org/p> <http://example.org/b> "
        b"<http://example.org/g> .\n",
    ),
    "trig": (".trig", b"@prefix ex: <http://example.org/> .\nex:g { ex:a ex:p ex:b . }\n"),
    "jsonld": (
        ".jsonld",
        b'{"@id": "http://example.org/a", "http://example.org/p": {"@id": "http://example.org/b"}}',
    ),
}


def test_persistence_across_reopen(tmp_path):
    with open_store(tmp_path / "db") as s:
        ensure_seeded(s)
        n = len(s)
        assert n > 2000
    with open_store(tmp_path / "db") as s:
        assert len(s) == n
        assert ensure_seeded(s) is False


def test_second_writer_is_refused_clearly(tmp_path):
    with open_store(tmp_path / "db"), pytest.raises(StoreUnavailable):
        open_store(tmp_path / "db")


@pytest.mark.parametrize("fmt", sorted(DOCS))
def test_load_each_format(store, tmp_path, fmt):
    suffix, data = DOCS[fmt]
    f = tmp_path / f"data{suffix}"
    f.write_bytes(data)
    graph, count = load_file(store, f, graph="urn:test:g")
    assert count >= 1
    assert store.ask("ASK { <http://example.org/a> <http://example.org/p> <http://example.org/b> }")
    if not by_name(fmt, "rdf").quads or fmt == "jsonld":
        assert graph in store.graph_names()


def test_a_syntax_error_writes_nothing(store, tmp_path):
    f = tmp_path / "bad.ttl"
    f.write_bytes(TTL + b"ex:c ex:p .\n")
    with pytest.raises(InvalidInput) as info:
        load_file(store, f)
    assert len(store) == 0
    assert info.value.problems[0].where.startswith(f"{f}:4:")


def test_load_files_records_provenance(store, tmp_path):
    f = tmp_path / "a.ttl"
    f.write_bytes(TTL)
    load_files(store, [f], agent="tester")
    rows = store.select("""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?g ?who WHERE { ?g prov:wasAttributedTo ?who ; prov:generatedAtTime ?t }""")
    assert len(rows) == 1
    assert rows[0]["who"].endswith("/agent/tester")
    assert store.ask(f'ASK {{ GRAPH <{rows[0]["g"]}> {{ <{EX}a> <{EX}q> "x" }} }}')


def test_load_files_checks_every_file_first(store, tmp_path):
    good = tmp_path / "a.ttl"
    good.write_bytes(TTL)
    with pytest.raises(InvalidInput):
        load_files(store, [good, tmp_path / "missing.ttl"])
    assert len(store) == 0


def test_write_graph_and_select_values(store):
    a = URIRef(EX + "a")
    store.write_graph(
        "urn:test:g",
        [
            (a, RDF.type, URIRef(EX + "T")),
            (a, URIRef(EX + "n"), Literal(3)),
            (a, URIRef(EX + "s"), Literal("hi", lang="en")),
        ],
    )
    [row] = store.select(f"SELECT ?n ?s WHERE {{ <{EX}a> <{EX}n> ?n ; <{EX}s> ?s }}")
    assert row == {"n": 3, "s": "hi"}
    assert store.graph_names() == ["urn:test:g"]


def test_the_count_follows_writes_without_rescanning(store, monkeypatch):
    a, t = URIRef(EX + "a"), URIRef(EX + "T")
    store.write_graph("urn:test:g1", [(a, RDF.type, t), (a, URIRef(EX + "n"), Literal(1))])
    assert len(store) == 2
    scans = []
    monkeypatch.setattr(OxigraphStore, "_scan_count", lambda self: scans.append(1) or 0)
    store.write_graph("urn:test:g2", [(a, RDF.type, t)])  # a new graph: every quad is new
    assert len(store) == 3 and not scans
    monkeypatch.undo()
    store.write_graph("urn:test:g2", [(a, RDF.type, t), (a, URIRef(EX + "m"), Literal(2))])
    assert len(store) == 4 == len(list(store.engine))  # an old graph: counted again


def test_bindings_preset_variables(store):
    for name in ("a", "b"):
        store.write_graph("urn:test:g", [(URIRef(EX + name), RDF.type, URIRef(EX + "T"))])
    rows = store.select(f"SELECT ?x WHERE {{ {{{{?x}}}} ?x a <{EX}T> }}", {"x": EX + "b"})
    assert rows == [{"x": EX + "b"}]


def test_syntax_errors_have_line_and_column(store):
    with pytest.raises(QuerySyntaxError) as info:
        store.select("SELECT ?x\nWHERE { ?x ?y }")
    assert info.value.line == 2
    assert 14 <= info.value.column <= 16


def test_select_refuses_other_forms(store):
    with pytest.raises(InvalidInput):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(InvalidInput):
        store.ask("SELECT * { ?s ?p ?o }")


def test_memory_store_is_separate():
    a, b = OxigraphStore(None), OxigraphStore(None)
    a.write_graph("urn:g", [(URIRef(EX + "a"), RDF.type, URIRef(EX + "T"))])
    assert len(a) == 1 and len(b) == 0 and b.is_empty()


def test_load_reports_progress(store):
    seen = []
    store.load(io.BytesIO(TTL), by_name("turtle", "rdf"), "urn:g", progress=seen.append)
    assert seen and seen[-1] == len(TTL)
