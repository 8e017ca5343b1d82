"""Every claim's status, kept up to date as the writes change it: a materialised claim-status.

The rule over the whole graph is a dozen joins whose cost grows faster than the data (12.8x
the time for 10x the triples, 100k to 1M: benchmarks/findings.md), while one write changes
the status of few claims: a new item's claim, a reviewed item's claims. So the API computes
every status once, and after each write recomputes only the claims it touched: small ones on
a thread of its own just after the write, the others at the next read that needs them. Each
claim is recomputed by claim-status.rq itself, so there is still one rule.

Only for a store that this process alone writes to: the embedded store, which RocksDB locks
to one process. With a remote store other processes write too, and every read asks the rule.
"""

import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from rdflib import RDF

from kg import queries
from kg.evidence import ClaimStatus, statuses
from kg.store.base import Store, Triple
from kg.vocab import NHSG

# Just after a write, a thread of the view recomputes the claims it touched if they are this
# small: one claim's status costs about 2 ms (planning), plus about 0.1 ms an item (c01, 305
# items: 26 ms). The next read of them then most often asks nothing. Bigger claims wait for
# the next read.
CATCH_UP_ITEMS = 20
# Touched claims are recomputed by one query for up to this many: at 1M triples, 1 claim takes
# 2 ms, 16 take 5 ms and 64 take 15 ms; 1,024 at once took 3.5 s (likely because the VALUES
# block is repeated inside the OPTIONALs, not measured further).
CHUNK = 64
CATCH_UP_CLAIMS = CHUNK
# A pass that was written to while it ran waits this long before the next one. A pass costs
# about 2 ms of planning however few its claims: under 8 concurrent writers at 100k triples,
# a pass per write spent 2.2 to 2.7 ms of CPU a write, and with this pause 0.7 to 2.0 ms
# (benchmarks/findings.md). A write alone still has its pass at once.
CATCH_UP_PAUSE = 0.020
# Past one touched claim in this many, one pass over the whole graph: in chunks a claim costs
# about 0.24 ms, and every claim 80 ms for 1,500 at 100k triples (a pass pays past 1 in 4.5)
# and 1.4 s for 15,000 at 1M (past 1 in 2.6). 4 is near the first; at 1M it errs towards a
# whole pass, which takes about a second, during which pages ask the rule themselves.
RECOMPUTE_ALL_PER = 4


def claims_written(triples: Iterable[Triple]) -> set[str]:
    """The claims (IRIs) whose status a write of `triples` can change: new claims, and the
    claims its items are about."""
    claim, about = NHSG + "Claim", NHSG + "aboutClaim"
    return {
        str(o) if str(p) == about else str(s)
        for s, p, o in triples
        if str(p) == about or (p == RDF.type and str(o) == claim)
    }


class StatusView:
    """The status of every claim, sorted by IRI; `touch` the claims a write changed."""

    def __init__(self, store: Store):
        self.store = store
        self._read_lock = threading.Lock()  # one refresh at a time; readers wait for it
        self._mark_lock = threading.Lock()  # writers only ever wait for this one
        self._by_claim: dict[str, list[ClaimStatus]] = {}
        self._sorted: tuple[ClaimStatus, ...] | None = None
        self._touched: set[str] = set()
        self._everything = True  # nothing computed yet
        # What a refresh in progress has taken from the marks and not yet recomputed.
        self._recomputing: set[str] = set()
        self._recomputing_all = False
        # Claims written since the catch-up thread last looked, and whether it will look again.
        self._pending: set[str] = set()
        self._scheduled = False
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="kg-catch-up")

    def touch(self, claims: Iterable[str]) -> None:
        """Claims (IRIs) whose evidence a committed write changed: not held until recomputed,
        by a catch-up (`catch_up_soon`) or the next read that needs them."""
        with self._mark_lock:
            self._touched.update(claims)

    def catch_up_soon(self, claims: Iterable[str]) -> None:
        """Have the view's thread `catch_up` with `claims`, just written: off the write's path,
        which then pays nothing for it. Writes that come faster than it share one pass
        (after CATCH_UP_PAUSE)."""
        with self._mark_lock:
            self._pending.update(claims)
            if self._scheduled:
                return
            self._scheduled = True
        try:
            self._worker.submit(self._catch_up_pending)
        except RuntimeError:  # closed (shutting down): the next read recomputes them
            with self._mark_lock:
                self._scheduled = False

    def _catch_up_pending(self) -> None:
        with self._mark_lock:
            claims, self._pending, self._scheduled = self._pending, set(), False
        self.catch_up(claims)
        with self._mark_lock:
            burst = self._scheduled  # written to while we recomputed
        if burst:
            time.sleep(CATCH_UP_PAUSE)  # so that the next pass gathers the claims of more writes

    def drain(self) -> None:
        """Wait until the catch-up thread has done what it was given."""
        self._worker.submit(lambda: None).result()

    def close(self) -> None:
        """Stop the catch-up thread, once it is done."""
        self._worker.shutdown(wait=True)

    def catch_up(self, claims: Iterable[str]) -> None:
        """Recompute now those of `claims`, just touched by a write, that are small (see
        CATCH_UP_ITEMS); the others wait for the next read. Never waits for a refresh in
        progress, and never fails: on an error every claim is recomputed at the next read."""
        if not self._read_lock.acquire(blocking=False):
            return
        try:
            with self._mark_lock:
                small = [] if self._everything else sorted(c for c in claims if self._small(c))
                small = small[:CATCH_UP_CLAIMS]  # the rest wait for the next read
                self._touched.difference_update(small)
                self._recomputing.update(small)
            self._recompute(small)
        except BaseException:  # a pyoxigraph panic too: its marks were taken above
            self.invalidate()
        finally:
            with self._mark_lock:
                self._recomputing.clear()
            self._read_lock.release()

    def _small(self, claim: str) -> bool:
        if claim not in self._touched:
            return False  # a reader recomputed it already
        found = self._by_claim.get(claim, ())  # a new claim: not held yet, no items
        return sum(c.counts.items + c.counts.withdrawn for c in found) <= CATCH_UP_ITEMS

    def held(self, claim: str) -> tuple[ClaimStatus, ...] | None:
        """`claim`'s statuses if no write touched it since they were computed, else None.
        Neither waits for nor starts the recompute of other claims: one claim's page must not
        pay for writes to the others (c01 with 300 items takes 26 ms)."""
        with self._mark_lock:
            if self._stale(claim):
                return None
            found = self._by_claim.get(claim)
        return tuple(found) if found else None

    def _stale(self, claim: str) -> bool:
        marked = self._everything or claim in self._touched
        return marked or self._recomputing_all or claim in self._recomputing

    def invalidate(self) -> None:
        """Recompute every claim at the next read."""
        with self._mark_lock:
            self._everything = True

    def statuses(self, claim: str | None = None) -> Sequence[ClaimStatus]:
        """Every claim's status by IRI, or one claim's (one per benefit it is about)."""
        with self._read_lock:
            self._refresh()
            if claim is None:
                if self._sorted is None:
                    every = (c for found in self._by_claim.values() for c in found)
                    self._sorted = tuple(sorted(every, key=lambda c: c.iri))
                return self._sorted
            if claim not in self._by_claim:
                # Committed but not yet touched (the writer touches just after the commit):
                # ask the store rather than say that a claim it holds has no status.
                self._recompute([claim])
            return tuple(self._by_claim.get(claim, ()))

    def _refresh(self) -> None:
        # Take the marks before asking the store: a write committed while we ask marks its
        # claims again, and the next read recomputes them.
        with self._mark_lock:
            touched, self._touched = self._touched, set()
            everything, self._everything = self._everything, False
            everything = everything or len(touched) * RECOMPUTE_ALL_PER > len(self._by_claim)
            self._recomputing, self._recomputing_all = set(touched), everything
        try:
            if everything:
                by_claim = self._every_claim()
                with self._mark_lock:
                    self._by_claim = by_claim
            else:
                self._recompute(sorted(touched))
        except BaseException:
            self.invalidate()  # the marks taken above are lost: start again from scratch
            raise
        finally:
            with self._mark_lock:
                self._recomputing, self._recomputing_all = set(), False

    def _every_claim(self) -> dict[str, list[ClaimStatus]]:
        by_claim: dict[str, list[ClaimStatus]] = {}
        for c in statuses(self.store.select(queries.get("claim-status"))):
            by_claim.setdefault(c.iri, []).append(c)
        self._sorted = None
        return by_claim

    def _recompute(self, claims: Sequence[str]) -> None:
        query = queries.get("claim-status")
        for start in range(0, len(claims), CHUNK):
            chunk = claims[start : start + CHUNK]
            found: dict[str, list[ClaimStatus]] = {}
            for c in statuses(self.store.select(query, {"claim": chunk})):
                found.setdefault(c.iri, []).append(c)
            with self._mark_lock:
                for claim in chunk:
                    self._recomputing.discard(claim)
                    before = self._by_claim.pop(claim, None)
                    if claim in found:
                        self._by_claim[claim] = found[claim]
                    if before is not None or claim in found:
                        self._sorted = None  # unless neither there before nor now
