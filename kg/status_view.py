"""Every claim's status, kept up to date as the writes change it: a materialised claim-status.

The rule over the whole graph is a dozen joins whose cost grows faster than the data (13x
the time for 10x the triples at 1M, benchmarks/findings.md), while one write changes the
status of at most one claim (a review: of the claims its item is about). So the API computes
every status once, and after each write recomputes only the claims it touched, at the next
read. Each claim is recomputed by claim-status.rq itself, so there is still one rule.

Only for a store that this process alone writes to: the embedded store, which RocksDB locks
to one process. With a remote store other processes write too, and every read asks the rule.
"""

import threading
from collections.abc import Iterable

from kg import queries
from kg.evidence import ClaimStatus, statuses
from kg.store.base import Store
from kg.vocab import NHSG

# Past this many touched claims, one pass over the whole graph is cheaper than one lookup
# each (a claim's lookup: about 1 ms; every claim at 100k triples: about 80 ms).
RECOMPUTE_ALL = 200


class StatusView:
    """The status of every claim, sorted by IRI; `touch` the claims a write changed."""

    def __init__(self, store: Store):
        self.store = store
        self._read_lock = threading.Lock()  # one refresh at a time; readers wait for it
        self._mark_lock = threading.Lock()  # writers only ever wait for this one
        self._by_claim: dict[str, list[ClaimStatus]] = {}
        self._sorted: list[ClaimStatus] | None = None
        self._touched: set[str] = set()
        self._everything = True  # nothing computed yet

    def touch(self, claims: Iterable[str]) -> None:
        """Claims (IRIs) whose evidence a committed write changed: recomputed at next read."""
        with self._mark_lock:
            self._touched.update(claims)

    def touch_item(self, item: str) -> None:
        """The claims an evidence item (IRI) is about, after a write changed the item."""
        rows = self.store.select(
            f"SELECT DISTINCT ?claim WHERE {{ <{item}> <{NHSG}aboutClaim> ?claim }}"
        )
        self.touch(r["claim"] for r in rows)

    def invalidate(self) -> None:
        """Recompute every claim at the next read (after a write of many claims or items)."""
        with self._mark_lock:
            self._everything = True

    def statuses(self, claim: str | None = None) -> list[ClaimStatus]:
        """Every claim's status by IRI, or one claim's (a list: one per benefit it is about)."""
        with self._read_lock:
            self._refresh()
            if claim is not None:
                return list(self._by_claim.get(claim, ()))
            if self._sorted is None:
                every = (c for found in self._by_claim.values() for c in found)
                self._sorted = sorted(every, key=lambda c: c.iri)
            return self._sorted

    def _refresh(self) -> None:
        # Take the marks before asking the store: a write committed while we ask marks its
        # claims again, and the next read recomputes them.
        with self._mark_lock:
            touched, self._touched = self._touched, set()
            everything, self._everything = self._everything, False
        try:
            if everything or len(touched) > RECOMPUTE_ALL:
                self._by_claim = self._every_claim()
            else:
                for claim in touched:
                    self._recompute(claim)
            self._sorted = None if (everything or touched) else self._sorted
        except BaseException:
            self.invalidate()  # the marks taken above are lost: start again from scratch
            raise

    def _every_claim(self) -> dict[str, list[ClaimStatus]]:
        by_claim: dict[str, list[ClaimStatus]] = {}
        for c in statuses(self.store.select(queries.get("claim-status"))):
            by_claim.setdefault(c.iri, []).append(c)
        return by_claim

    def _recompute(self, claim: str) -> None:
        found = statuses(self.store.select(queries.get("claim-status"), {"claim": claim}))
        if found:
            self._by_claim[claim] = found
        else:
            self._by_claim.pop(claim, None)
