"""Group commit: many writers, one flush. A writer returns only once a flush that began after
its transaction has finished, so a 201 still means "on disk", while concurrent writers share
the cost of flushing (pyoxigraph releases the GIL while it flushes)."""

import threading
from collections.abc import Callable


class GroupCommit:
    """Counts committed transactions and flushes them in batches."""

    def __init__(self, flush: Callable[[], None]):
        self._flush = flush
        self._cond = threading.Condition()
        self._committed = 0  # transactions applied to the store
        self._durable = 0  # transactions covered by a finished flush
        self._flushing = False

    def committed(self) -> int:
        """Note one more applied transaction; returns its sequence number."""
        with self._cond:
            self._committed += 1
            return self._committed

    def latest(self) -> int:
        """The sequence number of the last applied transaction."""
        with self._cond:
            return self._committed

    def wait_durable(self, seq: int) -> None:
        """Block until transaction `seq` is flushed; one waiter flushes for all the others."""
        with self._cond:
            while self._durable < seq:
                if self._flushing:
                    self._cond.wait()
                    continue
                self._flushing, target = True, self._committed
                self._cond.release()
                try:
                    self._flush()
                finally:
                    self._cond.acquire()
                    self._flushing = False
                    self._cond.notify_all()
                self._durable = max(self._durable, target)
