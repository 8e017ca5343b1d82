"""The write journal: how a write becomes durable without flushing RocksDB every time.

pyoxigraph writes each transaction to RocksDB's write-ahead log but never syncs it, and its one
way to make data durable, `Store.flush()`, writes a new table file for every index (about 20 ms
a call on our machines). So each write is first appended here as N-Quads and the journal is
fdatasync'd (about 0.3 ms, shared by concurrent writers through GroupCommit). The store is
flushed and the journal emptied only now and then, at a checkpoint. On open, every write in
the journal that the store lacks is applied again; each write is one named graph, so "lacks"
is one graph lookup.

A record is the write's N-Quads followed by a comment line `# commit <graph>`, so the whole
file is valid N-Quads. Lines after the last commit line are a write that was never
acknowledged (the process died mid-append) and are ignored.
"""

import os
from collections.abc import Iterator
from pathlib import Path

COMMIT = b"# commit "
FILE_NAME = "kg-journal.nq"  # inside the store's folder; RocksDB leaves names like this alone


class Journal:
    """An append-only file of committed writes, synced before a write is acknowledged."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / FILE_NAME
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)

    def append(self, graph: str, nquads: bytes) -> int:
        """Append one write (not yet synced); returns the size before it, to undo with `cut`."""
        before = self.size()
        data = memoryview(nquads + COMMIT + graph.encode() + b"\n")
        while data:
            data = data[os.write(self._fd, data) :]
        return before

    def cut(self, size: int) -> None:
        """Drop everything after `size` bytes: a write whose commit to the store failed."""
        os.ftruncate(self._fd, size)

    def sync(self) -> None:
        """Make every appended write durable."""
        os.fdatasync(self._fd)

    def size(self) -> int:
        """The journal's length in bytes."""
        return os.fstat(self._fd).st_size

    def records(self) -> Iterator[tuple[str, bytes]]:
        """Each complete write as (graph IRI, its N-Quads), oldest first."""
        with open(self.path, "rb") as fh:
            pending: list[bytes] = []
            for line in fh:
                if line.startswith(COMMIT):
                    yield line[len(COMMIT) :].strip().decode(), b"".join(pending)
                    pending = []
                else:
                    pending.append(line)

    def clear(self) -> None:
        """Empty the journal once the store holds everything in it durably."""
        os.ftruncate(self._fd, 0)
        os.fsync(self._fd)

    def close(self) -> None:
        """Close the file (its content stays until the next checkpoint)."""
        os.close(self._fd)
