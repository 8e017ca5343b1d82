"""The statuses the API keeps (kg.status_view): always what the rule says, after every write."""

import threading
import time

import pytest

from kg import evidence, status_view
from kg.models import ClaimIn, EvidenceIn, ReviewIn
from kg.seed import ensure_seeded
from kg.status_view import StatusView
from kg.store import OxigraphStore
from kg.tokens import Principal
from kg.vocab import iri
from kg.writes import Writer
from kg.writes.operations import Context
from tests.builders import ITEM

ALICE = Context(Principal("alice", "contributor"), "test")
BOB = Context(Principal("bob", "reviewer"), "test")

CLAIM = ClaimIn(
    group="foundation-group",
    benefit="economies-of-scale",
    claimed_by="A speaker",
    quote="we will save money",
    source="s01",
)


@pytest.fixture
def store():
    s = OxigraphStore(None)
    ensure_seeded(s)
    yield s
    s.close()


def rule(store):
    """What the rule says now, asked of the store afresh."""
    return [c.as_dict() for c in evidence.claim_statuses(store)]


def kept(view):
    return [c.as_dict() for c in view.statuses()]


def one(view, claim):
    [found] = view.statuses(iri("claim", claim))
    return found


def test_the_view_gives_what_the_rule_gives(store):
    view = StatusView(store)
    assert kept(view) == rule(store)
    assert [c["iri"] for c in kept(view)] == sorted(c["iri"] for c in rule(store))
    assert one(view, "c01").as_dict() == evidence.claim_statuses(store, claim="c01")[0].as_dict()


def test_a_write_shows_only_once_its_claim_is_touched(store):
    view = StatusView(store)
    before = one(view, "c01").counts.items
    Writer(store).add_evidence(EvidenceIn(**ITEM), ALICE)  # a writer that does not tell it
    assert one(view, "c01").counts.items == before  # read from the view, not the store
    view.touch([iri("claim", "c01")])
    assert one(view, "c01").counts.items == before + 1
    assert kept(view) == rule(store)


@pytest.mark.parametrize("catch_up", [status_view.CATCH_UP_ITEMS, -1])  # after it, or at read
def test_the_writer_touches_what_each_write_changes(store, monkeypatch, catch_up):
    monkeypatch.setattr(status_view, "CATCH_UP_ITEMS", catch_up)
    view = StatusView(store)
    writer = Writer(store, view)
    kept(view)
    claim = writer.add_claim(CLAIM, ALICE).id

    def status():
        view.drain()
        assert (view.held(iri("claim", claim)) is not None) == (catch_up >= 0)
        return one(view, claim).status

    assert status() == "no-evidence"
    item = writer.add_evidence(EvidenceIn(**{**ITEM, "claim": claim}), ALICE).id
    assert status() == "no-independent-evidence"
    writer.add_review(item, ReviewIn(status="verified"), BOB)
    assert status() == "supported"
    assert kept(view) == rule(store)


def test_a_batch_recomputes_every_claim(store):
    view = StatusView(store)
    writer = Writer(store, view)
    kept(view)
    made, data = writer.prepare_evidence(EvidenceIn(**ITEM), _refs(store))
    writer.add_batch("import", [made], data, ALICE)
    assert kept(view) == rule(store)


def _refs(store):
    from kg.writes.checks import References

    return References(store)


def test_a_refresh_that_fails_is_done_again_from_scratch(store, monkeypatch):
    view = StatusView(store)
    kept(view)
    Writer(store).add_evidence(EvidenceIn(**ITEM), ALICE)
    view.touch([iri("claim", "c01")])
    real = store.select

    def broken(query, bindings=None):
        raise OSError("the disk went away")

    monkeypatch.setattr(store, "select", broken)
    with pytest.raises(OSError):
        view.statuses()
    monkeypatch.setattr(store, "select", real)
    assert kept(view) == rule(store)


def test_a_write_during_a_refresh_is_not_lost(store, monkeypatch):
    view = StatusView(store)
    writer = Writer(store, view)
    kept(view)
    Writer(store).add_evidence(EvidenceIn(**ITEM), ALICE)  # so that the next read asks
    view.touch([iri("claim", "c01")])
    real, writes = store.select, []

    def racing(query, bindings=None):
        # Another thread's write commits and touches c02 while this refresh asks the store.
        if not writes:
            writes.append(writer.add_evidence(EvidenceIn(**{**ITEM, "claim": "c02"}), ALICE))
        return real(query, bindings)

    monkeypatch.setattr(store, "select", racing)
    kept(view)
    monkeypatch.setattr(store, "select", real)
    assert writes and kept(view) == rule(store)


def _asked(store, monkeypatch):
    real, asked = store.select, []

    def counting(query, bindings=None):
        asked.append(bindings)
        return real(query, bindings)

    monkeypatch.setattr(store, "select", counting)
    return asked


@pytest.mark.parametrize("chunk", [64, 2])
def test_a_few_touched_claims_are_recomputed_together(store, monkeypatch, chunk):
    view = StatusView(store)
    kept(view)
    monkeypatch.setattr(status_view, "CHUNK", chunk)
    asked = _asked(store, monkeypatch)
    touched = [iri("claim", c) for c in ("c01", "c02", "c03")]
    Writer(store).add_evidence(EvidenceIn(**{**ITEM, "claim": "c03"}), ALICE)
    view.touch(touched)
    view.statuses()
    expected = [touched] if chunk > 3 else [touched[:2], touched[2:]]
    assert [b["claim"] for b in asked] == expected
    assert kept(view) == rule(store)


def test_many_touched_claims_are_recomputed_in_one_pass(store, monkeypatch):
    view = StatusView(store)
    kept(view)
    asked = _asked(store, monkeypatch)
    view.touch([iri("claim", f"c{n:02}") for n in range(1, 11)])  # 10 of 36: past 1 in 4
    view.statuses()
    assert asked == [None]  # the whole graph's question, not one claim's


def test_a_write_whose_disk_sync_fails_is_still_in_the_view(store, monkeypatch):
    view = StatusView(store)
    writer = Writer(store, view)
    before = one(view, "c01").counts.items

    def failing(ticket=None):
        raise OSError("no space left on device")

    monkeypatch.setattr(store, "wait_durable", failing)
    with pytest.raises(OSError):
        writer.add_evidence(EvidenceIn(**ITEM), ALICE)
    assert one(view, "c01").counts.items == before + 1  # readers see the commit: so must we


def test_a_claim_committed_but_not_yet_touched_is_asked_of_the_store(store):
    view = StatusView(store)
    kept(view)
    claim = Writer(store).add_claim(CLAIM, ALICE).id  # a writer that does not tell the view
    assert one(view, claim).status == "no-evidence"


def test_claims_written_are_new_claims_and_those_items_are_about(store):
    writer = Writer(store)
    _, claim = writer.prepare_claim(CLAIM, _refs(store))
    _, item = writer.prepare_evidence(EvidenceIn(**{**ITEM, "claim": "c02"}), _refs(store))
    _, general = writer.prepare_evidence(
        EvidenceIn(**{**ITEM, "claim": None, "benefit": "economies-of-scale"}), _refs(store)
    )
    [new] = status_view.claims_written(claim)
    assert new.startswith(iri("claim", ""))
    assert status_view.claims_written(item + general) == {iri("claim", "c02")}


def test_a_claim_is_held_until_a_write_touches_it(store):
    view = StatusView(store)
    c01 = iri("claim", "c01")
    assert view.held(c01) is None  # nothing computed yet
    kept(view)
    assert view.held(c01) == (one(view, "c01"),) and view.held(iri("claim", "nothing")) is None
    view.touch([c01])
    assert view.held(c01) is None
    view.statuses(c01)
    assert view.held(c01) == (one(view, "c01"),)


def test_holding_one_claim_recomputes_no_other(store, monkeypatch):
    view = StatusView(store)
    kept(view)
    view.touch([iri("claim", "c02")])
    asked = _asked(store, monkeypatch)
    assert view.held(iri("claim", "c01")) is not None
    assert asked == []  # c02 waits for the next read of every claim or of c02


@pytest.mark.parametrize("everything", [False, True])  # its claim, or every claim, recomputed
def test_a_claim_being_recomputed_is_not_held(store, monkeypatch, everything):
    view = StatusView(store)
    kept(view)
    # A whole pass (after a failed one) recomputes claims that no longer carry a mark: c01.
    view.invalidate() if everything else view.touch([iri("claim", "c01")])
    real, seen = store.select, []

    def watching(query, bindings=None):
        # A page asks for c01 while the refresh has not yet recomputed it.
        seen.append(view.held(iri("claim", "c01")))
        return real(query, bindings)

    monkeypatch.setattr(store, "select", watching)
    view.statuses()
    assert seen == [None]
    assert view.held(iri("claim", "c01")) is not None  # and held again once recomputed


def test_a_write_to_a_small_claim_has_it_recomputed_at_once(store, monkeypatch):
    view = StatusView(store)
    writer = Writer(store, view)
    kept(view)
    item = writer.add_evidence(EvidenceIn(**{**ITEM, "claim": "c02"}), ALICE).id
    view.drain()
    asked = _asked(store, monkeypatch)
    [held] = view.held(iri("claim", "c02"))  # held at once, asking nothing
    assert asked == []
    assert held.counts.items == evidence.claim_statuses(store, claim="c02")[0].counts.items
    writer.add_review(item, ReviewIn(status="verified"), BOB)
    view.drain()
    assert view.held(iri("claim", "c02")) is not None
    assert kept(view) == rule(store)


def test_a_write_to_a_big_claim_leaves_it_to_the_next_read(store, monkeypatch):
    monkeypatch.setattr(status_view, "CATCH_UP_ITEMS", 0)  # a claim with an item is big
    view = StatusView(store)
    writer = Writer(store, view)
    big = next(c for c in view.statuses() if c.counts.items)
    writer.add_evidence(EvidenceIn(**{**ITEM, "claim": big.id}), ALICE)
    view.drain()
    assert view.held(big.iri) is None
    new = writer.add_claim(CLAIM, ALICE).id  # no items yet: small
    view.drain()
    assert view.held(iri("claim", new)) is not None
    assert kept(view) == rule(store)


def test_a_write_touching_many_claims_leaves_the_rest_to_the_next_read(store, monkeypatch):
    monkeypatch.setattr(status_view, "CATCH_UP_CLAIMS", 1)
    view = StatusView(store)
    writer = Writer(store, view)
    kept(view)
    items = [
        writer.prepare_evidence(EvidenceIn(**{**ITEM, "claim": c}), _refs(store))
        for c in ("c02", "c03")
    ]
    writer.add_batch("import", [m for m, _ in items], [t for _, d in items for t in d], ALICE)
    view.drain()
    assert view.held(iri("claim", "c02")) is not None  # the first one
    assert view.held(iri("claim", "c03")) is None
    assert kept(view) == rule(store)


def test_a_catch_up_that_fails_fails_no_write(store, monkeypatch):
    view = StatusView(store)
    writer = Writer(store, view)
    kept(view)
    real = store.select

    def broken(query, bindings=None):
        raise OSError("the disk went away")

    monkeypatch.setattr(store, "select", broken)
    assert writer.add_evidence(EvidenceIn(**{**ITEM, "claim": "c02"}), ALICE).id
    view.drain()
    monkeypatch.setattr(store, "select", real)
    assert view.held(iri("claim", "c02")) is None  # every claim is recomputed at next read
    assert kept(view) == rule(store)


def test_writes_during_a_catch_up_share_the_next_one(store, monkeypatch):
    monkeypatch.setattr(status_view, "CATCH_UP_PAUSE", 2)
    view = StatusView(store)
    kept(view)
    real, passes = view._recompute, []
    started, go, first_done = threading.Event(), threading.Event(), threading.Event()

    def slow(claims):
        passes.append(list(claims))
        if len(passes) == 1:
            started.set()
            go.wait(5)  # a write arrives while the first pass runs
        real(claims)
        if len(passes) == 1:
            first_done.set()

    monkeypatch.setattr(view, "_recompute", slow)
    c01, c02, c03 = (iri("claim", c) for c in ("c01", "c02", "c03"))
    view.touch([c01, c02, c03])
    view.catch_up_soon([c01])
    assert started.wait(5)
    view.catch_up_soon([c02])
    go.set()
    assert first_done.wait(5)
    time.sleep(0.1)  # without the pause, the next pass would have begun with c02 alone
    view.catch_up_soon([c03])
    view.drain()
    assert passes == [[c01], [c02, c03]]
    assert kept(view) == rule(store)


def test_a_write_alone_is_caught_up_without_a_pause(store, monkeypatch):
    monkeypatch.setattr(status_view, "CATCH_UP_PAUSE", 30)
    view = StatusView(store)
    kept(view)
    view.touch([iri("claim", "c02")])
    view.catch_up_soon([iri("claim", "c02")])
    started = time.monotonic()
    view.drain()
    assert time.monotonic() - started < 10
    assert view.held(iri("claim", "c02")) is not None
