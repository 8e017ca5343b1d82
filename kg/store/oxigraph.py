"""The embedded store: Oxigraph through pyoxigraph, on disk (RocksDB) or in memory."""

import gc
import io
import os
import shutil
import sys
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode as RBNode
from rdflib import Literal as RLiteral
from rdflib import URIRef

from kg.errors import InvalidInput, Problem, StoreUnavailable, syntax_error
from kg.formats import Format
from kg.queries import Bindings, bind
from kg.store import bulk
from kg.store.base import Ask, Progress, Row, Store, Triple
from kg.store.durability import GroupCommit
from kg.store.journal import Journal
from kg.store.parsing import parse_all
from kg.store.terms import FLOATS, INTEGERS, XSD
from kg.vocab import PREFIXES

# A checkpoint (flush the store, empty the journal) once the journal is this long: about 1,000
# evidence items, so the 20 ms flush is shared by a thousand writes, and RocksDB's in-memory
# tables, which hold the same writes in every index, stay small.
CHECKPOINT_BYTES = 4 * 1024 * 1024

# Threads for select_many: a claim's page asks three questions at once.
SELECT_THREADS = 3

# Past this many quads a load uses bulk_extend: much faster, but not one transaction. The file
# is fully parsed first, so only a crash (not bad input) could leave part of it.
BULK_THRESHOLD = 200_000


# Literal datatype -> the plain value's type; other literals stay strings. A lookup, not a
# chain of tests: a gap answer at 1M triples is 8,000 rows of nine counts each.
_LITERALS: dict[str, object] = {
    **dict.fromkeys(INTEGERS, int),
    **dict.fromkeys(FLOATS, float),
    XSD + "boolean": lambda text: text in ("true", "1"),
}


def value(term: object) -> object:
    """A pyoxigraph term as the plain value of the Row contract."""
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        convert = _LITERALS.get(term.datatype.value)
        return convert(term.value) if convert else term.value
    if kind is ox.BlankNode:
        return "_:" + term.value
    return None


def to_ox(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, RBNode):
        return ox.BlankNode(str(node))
    if isinstance(node, RLiteral):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def _finish_going_back(here: Path) -> None:
    """A crash between the two renames of `OxigraphStore._go_back_to` leaves no store folder
    but a whole checkpoint beside it: put that back before opening."""
    if here.exists():
        return
    for checkpoint in here.parent.glob(f".{here.name}.undo-*"):
        checkpoint.rename(here)
        return


class OxigraphStore(Store):
    """Oxigraph in this process: on disk at `path`, or in memory when `path` is None."""

    def __init__(self, path: str | Path | None = None):
        self.version = 0  # goes up with every write; query workers reopen when it moves
        self._write_lock = threading.Lock()
        self._count: tuple[int, int] | None = None  # (version, quads) when known
        self._journal: Journal | None = None
        self._commits = GroupCommit(self._sync)
        self._pool: ThreadPoolExecutor | None = None  # for select_many, made on first use
        if path is None:
            self._store, self.kind, self.location = ox.Store(), "memory", ":memory:"
            return
        self.kind, self.location = "oxigraph", str(path)
        _finish_going_back(Path(path))
        try:
            Path(path).mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))
            self._journal = Journal(Path(path))
        except OSError as exc:
            raise StoreUnavailable(f"cannot open the store at {path}: {exc}") from exc
        self._recover()

    def _recover(self) -> None:
        """Apply again every journalled write the store lost (a crash before a checkpoint)."""
        assert self._journal is not None
        for graph, data in self._journal.records():
            if not self._store.contains_named_graph(ox.NamedNode(graph)):
                self._store.extend(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)))
        self.checkpoint()

    def checkpoint(self) -> None:
        """Flush the store to disk and empty the journal (its writes are now in the store)."""
        if self._journal is None:
            return
        with self._write_lock:
            self._store.flush()
            self._journal.clear()

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store itself, for code that must call the engine directly."""
        return self._store

    def _query(self, query: str, bindings: Bindings | None = None) -> object:
        try:
            return self._store.query(bind(query, bindings), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(exc) from None

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        solutions = self._query(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise InvalidInput("not a SELECT query", [Problem("query", "expected SELECT")])
        names = [v.value for v in solutions.variables]
        return [dict(zip(names, map(value, s), strict=True)) for s in solutions]

    def select_many(self, asks: Sequence[Ask]) -> list[list[Row]]:
        # pyoxigraph plans and runs a query without the GIL, and planning is most of a small
        # query's time (a claim's page: 3 queries, 5.7 ms one after the other, 3.6 ms at once).
        if len(asks) < 2:
            return super().select_many(asks)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(SELECT_THREADS, thread_name_prefix="kg-select")
        return list(self._pool.map(lambda a: self.select(*a), asks))

    def has(self, subject: str, predicate: str, obj: str) -> bool:
        # An index lookup (0.06 ms at 1M): the same ASK takes 0.11 to 0.15 ms, nearly all of it
        # parsing and planning, and a write checks two or three references this way.
        triple = (ox.NamedNode(subject), ox.NamedNode(predicate), ox.NamedNode(obj))
        return next(self._store.quads_for_pattern(*triple, None), None) is not None

    def properties(self, subject: str) -> list[tuple[str, object]]:
        quads = self._store.quads_for_pattern(ox.NamedNode(subject), None, None, None)
        return list(dict.fromkeys((q.predicate.value, value(q.object)) for q in quads))

    def ask(self, query: str) -> bool:
        answer = self._query(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise InvalidInput("not an ASK query", [Problem("query", "expected ASK")])
        return bool(answer)

    def commit_graph(self, graph: str, triples: Iterable[Triple]) -> int:
        g = ox.NamedNode(graph)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
        record = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if self._journal else b""
        with self._write_lock:
            fresh = not self._store.contains_named_graph(g)
            mark = self._journal.append(graph, record) if self._journal else 0
            try:
                self._store.extend(quads)  # one transaction
            except BaseException:
                if self._journal:
                    self._journal.cut(mark)
                raise
            self._count_added(len(quads), fresh)
            self.version += 1
            return self._commits.committed()

    def _count_added(self, added: int, fresh: bool) -> None:
        # Counting scans every quad (0.35 s at 1M triples), so a write into a new graph, whose
        # quads are all new, adds to the count instead of invalidating it.
        if fresh and self._count is not None and self._count[0] == self.version:
            self._count = (self.version + 1, self._count[1] + added)

    def wait_durable(self, ticket: int | None = None) -> None:
        self._commits.wait_durable(self._commits.latest() if ticket is None else ticket)
        if self._journal and self._journal.size() > CHECKPOINT_BYTES:
            self.checkpoint()

    def load(
        self,
        source: BinaryIO,
        fmt: Format,
        graph: str,
        progress: Progress | None = None,
        base_iri: str | None = None,
    ) -> int:
        fresh = fmt.quads or self.is_empty()  # nothing there to repeat
        if self.kind == "oxigraph" and fmt.name in bulk.LINE_BASED:
            data = source.read()
            if fresh and bulk.can_split(data, fmt):
                count = self._bulk(data, fmt, graph, progress)
                self._store.flush()
                self.version += 1
                return count
            source = io.BytesIO(data)
        quads = parse_all(source, fmt, graph, progress, base_iri)
        if not fresh:
            quads = [q for q in quads if not self._holds(q.triple)]
        if len(quads) > BULK_THRESHOLD:
            self._store.bulk_extend(quads)
        else:
            self._store.extend(quads)
        self._store.flush()
        self.version += 1
        return len(quads)

    def _bulk(self, data: bytes, fmt: Format, graph: str, progress: Progress | None) -> int:
        """Load `data` in parallel parts; on bad input, go back to a checkpoint taken first."""
        if sys.getrefcount(self._store) > 2:  # held elsewhere (`engine`): it could not reopen
            count = bulk.count_valid(data, fmt, progress)  # so check all first, as before
            bulk.load_parallel(self._store, data, fmt, graph, bulk.threads())
            return count
        before, here = len(self), Path(self.location)
        undo = here.with_name(f".{here.name}.undo-{os.getpid()}")
        shutil.rmtree(undo, ignore_errors=True)
        self.checkpoint()  # the journal is then empty and the checkpoint holds every write
        self._store.backup(str(undo))  # hard links: milliseconds, whatever the size
        try:
            bulk.load_parallel(self._store, data, fmt, graph, bulk.threads(), progress)
            bad = None
        except SyntaxError as exc:
            bad = syntax_error(exc)  # kept apart: exc's frames hold the store open
        try:
            if bad:
                self._go_back_to(undo)
                bulk.count_valid(data, fmt)  # the error again, with its line in the whole file
                raise bad
        finally:
            shutil.rmtree(undo, ignore_errors=True)
        return len(self._store) - before

    def _go_back_to(self, checkpoint: Path) -> None:
        """Replace the store's folder by `checkpoint`; at every step one of them is whole."""
        assert self._journal is not None
        here = Path(self.location)
        failed = here.with_name(f".{here.name}.failed-{os.getpid()}")
        self._journal.close()
        del self._store
        gc.collect()  # RocksDB closes with its last reference, and must close before the move
        here.rename(failed)
        checkpoint.rename(here)
        self._store, self._journal = ox.Store(str(here)), Journal(here)
        shutil.rmtree(failed, ignore_errors=True)

    def _holds(self, t: ox.Triple) -> bool:
        found = self._store.quads_for_pattern(t.subject, t.predicate, t.object, None)
        return next(iter(found), None) is not None

    def dump(self, out: BinaryIO, fmt: Format) -> None:
        self._store.dump(out, ox.RdfFormat.from_media_type(fmt.media_type))

    def _sync(self) -> None:
        if self._journal:
            self._journal.sync()

    def nquads(self) -> bytes:
        """Every quad as N-Quads, for a worker process that copies a memory store."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def export(self, out: BinaryIO, fmt: Format, subjects: Iterable[str] | None = None) -> None:
        if subjects is None:
            quads = iter(self._store)
        else:
            quads = (
                q
                for s in subjects
                for q in self._store.quads_for_pattern(ox.NamedNode(s), None, None, None)
            )
        rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
        data = quads if fmt.quads else (q.triple for q in quads)
        ox.serialize(data, out, rdf_format, prefixes=PREFIXES if not fmt.quads else None)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        if self._count is None or self._count[0] != self.version:
            self._count = (self.version, self._scan_count())
        return self._count[1]

    def compact(self) -> None:
        # After a bulk load the gap query ran 40% faster once compacted (2.4 s against 4.1 s
        # at 1M triples); compacting took 3.7 s.
        self._store.optimize()

    def _scan_count(self) -> int:
        return len(self._store)

    def is_empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    def close(self) -> None:
        if self._pool:
            self._pool.shutdown()
        if self._journal:
            self.checkpoint()
            self._journal.close()
        del self._store
