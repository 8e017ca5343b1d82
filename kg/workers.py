"""Evaluating user queries in child processes that can be killed: pyoxigraph has no query
timeout and a Python alarm cannot interrupt it (oxigraph issue 1926).

Each worker sees a snapshot of the store: for a disk store a RocksDB checkpoint (hard links,
made when the data changed since the last one) opened read-only, since opening the live
folder read-only beside its writer is undefined behaviour; for a memory store its N-Quads.
"""

import multiprocessing as mp
import os
import queue
import shutil
import tempfile
import threading
from pathlib import Path

from kg.errors import KGError, QuerySyntaxError, QueryTimeout
from kg.store.oxigraph import OxigraphStore
from kg.worker_main import Answer, Request, serve

SNAPSHOTS = "kg-snapshots-"  # then the server's pid, so that a later server can tell it died


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_snapshots(folder: Path) -> None:
    """Remove the snapshot folders of servers that died without closing (kill -9): their hard
    links would otherwise keep the store's old files on disk after it compacts them away."""
    for stale in folder.glob(SNAPSHOTS + "*-*"):
        pid = stale.name[len(SNAPSHOTS) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


class _Snapshots:
    """Checkpoints (disk) or dumps (memory) of the store, one per data version."""

    def __init__(self, store: OxigraphStore):
        self.store = store
        remove_stale_snapshots(Path(tempfile.gettempdir()))
        self.root = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOTS}{os.getpid()}-"))
        self.lock = threading.Lock()
        self.current: tuple[int, str | bytes] | None = None

    def latest(self) -> tuple[int, str | bytes]:
        with self.lock:
            version = self.store.version
            if self.current is None or self.current[0] != version:
                self.current = (version, self._make(version))
                self._prune(version)
            return self.current

    def _make(self, version: int) -> str | bytes:
        if self.store.kind == "memory":
            return self.store.nquads()
        target = self.root / f"v{version}"
        if not target.exists():
            self.store.engine.backup(str(target))
        return str(target)

    def _prune(self, version: int) -> None:
        # Workers reopen when the version moves on; keep the previous checkpoint for any
        # worker still finishing a query on it.
        for old in self.root.glob("v*"):
            if int(old.name[1:]) < version - 1:
                shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class QueryPool:
    """A few worker processes; a query past `timeout` seconds kills its worker."""

    def __init__(self, store: OxigraphStore, size: int = 1, timeout: float = 10.0):
        self.snapshots = _Snapshots(store)
        self.timeout = timeout
        # Not fork: the parent has threads and RocksDB. Not spawn either: a spawned child
        # imports the parent's __main__ (the whole `kg` application, 75 MB a worker). The
        # fork server starts clean, imports only the worker's module, and forks workers.
        self.ctx = mp.get_context("forkserver")
        self.ctx.set_forkserver_preload(["kg.worker_main"])
        self.idle: queue.Queue = queue.Queue()
        self.size = size
        self._started = False
        self._start_lock = threading.Lock()

    def _ensure_started(self) -> None:
        # Workers start on the first user query, not with the server: a server nobody sends
        # SPARQL to needs no second copy of the data in memory.
        with self._start_lock:
            if not self._started:
                for _ in range(self.size):
                    self.idle.put(self._start())
                self._started = True

    def _start(self) -> tuple:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=serve, args=(child,), daemon=True, name="kg-query")
        proc.start()
        child.close()
        return proc, parent

    def run(
        self,
        query: str,
        form: str,
        fmt: str,
        media_type: str,
        max_rows: int,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
    ) -> Answer:
        """Evaluate a checked user query; QueryTimeout when it runs past the limit."""
        self._ensure_started()
        version, source = self.snapshots.latest()
        request = Request(
            version, source, query, form, fmt, media_type, max_rows, default_graphs, named_graphs
        )
        proc, conn = self.idle.get()
        try:
            conn.send(request)
            if not conn.poll(self.timeout):
                raise QueryTimeout(self.timeout)
            status, payload = conn.recv()
        except QueryTimeout:
            self._kill(proc, conn)
            proc, conn = self._start()
            raise
        except (EOFError, OSError, BrokenPipeError):
            self._kill(proc, conn)
            proc, conn = self._start()
            raise KGError("the query worker stopped unexpectedly") from None
        finally:
            self.idle.put((proc, conn))
        if status == "ok":
            return payload
        raise _error(payload)

    @staticmethod
    def _kill(proc, conn) -> None:
        proc.kill()
        proc.join(5)
        conn.close()

    def pids(self) -> list[int]:
        """Process ids of the idle workers (for tests that check nothing keeps running)."""
        items = list(self.idle.queue)
        return [p.pid for p, _ in items]

    def close(self) -> None:
        """Stop every worker and remove the snapshots."""
        while not self.idle.empty():
            proc, conn = self.idle.get_nowait()
            self._kill(proc, conn)
        self.snapshots.close()


def _error(payload: dict) -> KGError:
    if payload.get("kind") == "syntax":
        return QuerySyntaxError(payload["message"], payload.get("line"), payload.get("column"))
    return KGError(payload["message"])
