"""The Store interface, the same on every backend: the embedded Oxigraph and a SPARQL endpoint."""

import io

import pytest
from rdflib import RDF, XSD, Literal, URIRef

from kg import evidence, formats, provenance, queries
from kg.errors import InvalidInput, QuerySyntaxError
from kg.loading import load_files
from kg.resources import seed_files
from kg.seed import ensure_seeded
from kg.store import open_store
from tests.conftest import BACKENDS, reset_virtuoso

EX = "http://example.org/"
G = "https://w3id.org/nhs-groups-kg/graph/test/"


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    location = reset_virtuoso() if request.param == "virtuoso" else tmp_path / "db"
    with open_store(location) as s:
        yield s


def test_starts_empty_and_seeds(store, seeded_store):
    assert store.is_empty()
    assert ensure_seeded(store) is True and not store.is_empty()
    assert len(store) == len(seeded_store)
    assert [c.as_dict() for c in evidence.gaps(store)] == [
        c.as_dict() for c in evidence.gaps(seeded_store)
    ]


def test_write_graph_select_ask(store):
    a = URIRef(EX + "a")
    store.write_graph(G + "1", [(a, RDF.type, URIRef(EX + "T")), (a, URIRef(EX + "n"), Literal(3))])
    assert store.graph_names() == [G + "1"]
    assert store.select(f"SELECT ?n WHERE {{ <{EX}a> <{EX}n> ?n }}") == [{"n": 3}]
    assert store.ask(f"ASK {{ <{EX}a> a <{EX}T> }}")
    assert len(store) == 2


def test_has_a_triple_in_any_graph(store):
    a, t = URIRef(EX + "a"), URIRef(EX + "T")
    assert not store.has(str(a), str(RDF.type), str(t))
    store.write_graph(G + "1", [(a, RDF.type, t)])
    assert store.has(str(a), str(RDF.type), str(t))
    assert not store.has(str(a), str(RDF.type), EX + "U")
    assert not store.has(EX + "b", str(RDF.type), str(t))


def test_properties_of_a_subject_in_every_graph(store):
    a = URIRef(EX + "a")
    store.write_graph(G + "1", [(a, RDF.type, URIRef(EX + "T")), (a, URIRef(EX + "n"), Literal(3))])
    store.write_graph(
        G + "2", [(a, URIRef(EX + "t"), Literal("x")), (URIRef(EX + "b"), RDF.type, a)]
    )
    store.write_graph(G + "3", [(a, URIRef(EX + "n"), Literal(3))])  # restated: listed once
    assert sorted(store.properties(str(a)), key=str) == sorted(
        [(str(RDF.type), EX + "T"), (EX + "n", 3), (EX + "t", "x")], key=str
    )
    assert store.properties(EX + "nothing") == []


def test_bindings(store):
    for name in ("a", "b"):
        store.write_graph(G + name, [(URIRef(EX + name), RDF.type, URIRef(EX + "T"))])
    rows = store.select(f"SELECT ?x WHERE {{ {{{{?x}}}} ?x a <{EX}T> }}", {"x": EX + "b"})
    assert rows == [{"x": EX + "b"}]


def test_select_many_answers_each_in_order(store):
    ensure_seeded(store)
    asks = [(queries.get(n), None) for n in ("groups", "claims", "sources", "benefits")] * 2
    assert store.select_many(asks) == [store.select(q, b) for q, b in asks]
    claim = "https://w3id.org/nhs-groups-kg/id/claim/c02"
    [[row]] = store.select_many([(queries.get("claims"), {"claim": claim})])
    assert row["claim"] == claim


@pytest.mark.parametrize(
    "written, read",
    [
        ("2026-11-26T11:53:08.343250Z", "2026-11-26T11:53:08.34325Z"),
        ("2026-11-26T11:53:08.000000Z", "2026-11-26T11:53:08Z"),
        ("2026-11-26T11:53:08.5Z", "2026-11-26T11:53:08.5Z"),
        ("2026-11-26T11:53:08.120+00:00", "2026-11-26T11:53:08.12Z"),
    ],
)
def test_times_read_the_same_on_every_backend(store, written, read):
    at = Literal(written, datatype=XSD.dateTime)
    store.write_graph(G + "1", [(URIRef(EX + "a"), URIRef(EX + "at"), at)])
    assert store.select(f"SELECT ?at WHERE {{ <{EX}a> <{EX}at> ?at }}") == [{"at": read}]
    out = io.BytesIO()
    store.dump(out, formats.by_name("nquads", "rdf"))
    assert f'"{read}"'.encode() in out.getvalue()


def test_load_keeps_quads_graphs_and_parses_first(store):
    nq = (f"<{EX}a> <{EX}p> <{EX}b> <{G}q> .\n<{EX}a> <{EX}p> <{EX}c> .\n").encode()
    assert store.load(io.BytesIO(nq), formats.by_name("nquads", "rdf"), G + "default") == 2
    assert store.graph_names() == [G + "default", G + "q"]
    with pytest.raises(QuerySyntaxError):
        store.load(io.BytesIO(b"<a> <b> ."), formats.by_name("nquads", "rdf"), G + "x")
    assert len(store) == 2


def test_dump_and_export(store):
    store.write_graph(G + "1", [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))])
    store.write_graph(G + "2", [(URIRef(EX + "b"), URIRef(EX + "p"), Literal("y"))])
    out = io.BytesIO()
    store.dump(out, formats.by_name("nquads", "rdf"))
    assert out.getvalue().count(b"\n") == 2 and f"<{G}2>".encode() in out.getvalue()
    out = io.BytesIO()
    store.export(out, formats.by_name("turtle", "rdf"), [EX + "b"])
    assert b'"y"' in out.getvalue() and b'"x"' not in out.getvalue()


def test_not_a_select(store):
    with pytest.raises(InvalidInput):
        store.select("ASK { ?s ?p ?o }")


def test_a_plain_http_url_is_the_endpoint_not_a_new_folder(tmp_path, monkeypatch):
    remote = reset_virtuoso()  # sparql+http://...
    monkeypatch.chdir(tmp_path)
    with open_store(remote) as s:
        s.write_graph(G + "1", [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))])
    with open_store(remote.removeprefix("sparql+")) as s:
        assert s.select(f"SELECT ?o WHERE {{ <{EX}a> <{EX}p> ?o }}") == [{"o": "x"}]
    assert list(tmp_path.iterdir()) == []


def test_a_remote_count_is_reused_until_we_write_or_it_is_old(monkeypatch):
    from kg.store import sparql

    location = reset_virtuoso()
    with open_store(location) as ours, open_store(location) as other:
        ours.write_graph(G + "1", [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("x"))])
        assert len(ours) == 1
        other.write_graph(G + "2", [(URIRef(EX + "b"), URIRef(EX + "p"), Literal("y"))])
        assert len(ours) == 1  # another writer's triple: not counted yet
        ours.write_graph(G + "3", [(URIRef(EX + "c"), URIRef(EX + "p"), Literal("z"))])
        assert len(ours) == 3  # our own write: counted at once
        other.write_graph(G + "4", [(URIRef(EX + "d"), URIRef(EX + "p"), Literal("w"))])
        monkeypatch.setattr(sparql, "COUNT_MAX_AGE", 0.0)
        assert len(ours) == 4  # once old, counted again


# Questions about graphs, not about things, rightly see another graph's copy.
ABOUT_GRAPHS = {"provenance", "submitter"}


def answers(store) -> dict[str, list[str]]:
    names = [n for n in queries.names() if n not in ABOUT_GRAPHS]
    return {n: sorted(map(repr, store.select(queries.get(n)))) for n in names}


def test_loading_triples_the_store_holds_adds_none(store):
    ensure_seeded(store)
    before, quads = answers(store), len(store)
    load_files(store, seed_files())
    record = provenance.record(G, "kg load", "kg load x.ttl", provenance.now())
    assert len(store) - quads == len(seed_files()) * len(record)  # no seed triple again
    assert answers(store) == before


def test_a_triple_in_two_graphs_counts_once(store):
    """The union of the graphs keeps a triple once per graph, on Oxigraph and Virtuoso alike:
    a claim and its evidence restated in another graph must change no answer."""
    ensure_seeded(store)
    before = answers(store)
    rows = store.select(queries.get("claim-evidence"))
    claim = rows[0]["claim"]  # a claim with evidence, so that its counts are what is tested
    items = [r["item"] for r in rows if r["claim"] == claim]
    out = io.BytesIO()
    store.export(out, formats.by_name("ntriples", "rdf"), [claim, *items])
    again = out.getvalue().replace(b" .\n", f" <{G}again> .\n".encode())
    store.load(io.BytesIO(again), formats.by_name("nquads", "rdf"), G + "unused")
    assert answers(store) == before
