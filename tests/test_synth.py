"""`kg synth`: deterministic, about the size asked, valid, loadable, shaped like the seed."""

import collections
import hashlib

import pyoxigraph as ox

from kg import evidence
from kg.loading import load_file
from kg.seed import ensure_seeded
from kg.store import OxigraphStore
from kg.synth import Synth
from kg.validation import validate_files

N = "https://w3id.org/nhs-groups-kg/ontology#"


def test_same_seed_same_data_and_about_the_size(kg, tmp_path):
    for name in ("a.nq", "b.nq"):
        code, _, _ = kg("synth", "--triples", "3000", "-o", name)
        assert code == 0
    a, b = (tmp_path / "a.nq").read_bytes(), (tmp_path / "b.nq").read_bytes()
    assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest()
    lines = a.count(b"\n")
    assert 3000 <= lines < 3300
    code, _, _ = kg("synth", "--triples", "3000", "--seed", "2", "-o", "c.nq")
    assert (tmp_path / "c.nq").read_bytes() != a


def test_valid_loadable_and_in_the_write_layout(kg, tmp_path):
    kg("synth", "--triples", "4000", "-o", "s.nq")
    assert validate_files([tmp_path / "s.nq"]) == []
    store = OxigraphStore(None)
    ensure_seeded(store)
    before = len(evidence.claim_statuses(store))
    load_file(store, tmp_path / "s.nq")
    statuses = collections.Counter(c.status for c in evidence.claim_statuses(store))
    assert sum(statuses.values()) > before
    assert {"no-evidence", "supported", "disputed"} <= set(statuses)
    graphs = {
        q.graph_name.value
        for q in ox.parse(path=str(tmp_path / "s.nq"), format=ox.RdfFormat.N_QUADS)
    }
    assert any("/graph/evidence/" in g for g in graphs)
    assert any("/graph/review/" in g for g in graphs)


def test_mix_is_the_seeds():
    quads = list(Synth(20_000, seed=3).quads())
    independence = collections.Counter(
        q.object.value.rsplit("/", 1)[1] for q in quads if q.predicate.value == N + "independence"
    )
    share = independence["independent"] / sum(independence.values())
    assert abs(share - 34 / 43) < 0.1


def test_bad_arguments(kg):
    code, _, err = kg("synth", "--triples", "0", "-o", "x.nq")
    assert code == 2 and "--triples" in err
    code, _, err = kg("synth", "--triples", "10", "-o", "x.ttl")
    assert code == 2 and ".nq" in err
