"""The writes of the API and the CLI. Each is one named graph, committed in one transaction
with its provenance, after validation; nothing is ever deleted or overwritten."""

import hashlib
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, Namespace, URIRef

from kg import provenance, queries
from kg.errors import Forbidden, InvalidInput, Problem
from kg.evidence import require
from kg.models import ClaimIn, EvidenceIn, ReviewIn, SourceIn
from kg.status_view import StatusView, claims_written
from kg.store.base import Store, Triple
from kg.tokens import Principal
from kg.vocab import NHSG, iri, slug
from kg.writes import triples as build
from kg.writes.checks import References, shapes

N = Namespace(NHSG)


@dataclass(frozen=True)
class WriteResult:
    """What a write created (its id) and whether it is a replay of an earlier request."""

    id: str
    graph: str
    replayed: bool = False
    # What this write put in `graph` (empty for a replay: that write happened before).
    triples: list[Triple] = field(default_factory=list, repr=False, compare=False)
    # The claims whose status it can change (kept statuses only).
    claims: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)


@dataclass(frozen=True)
class Context:
    """Who writes, through what, and the client's idempotency key if any."""

    who: Principal
    activity: str  # e.g. "POST /evidence"
    request_id: str | None = None
    idempotency_key: str | None = None
    fingerprint: str | None = None  # a hash of the request body


def fingerprint(body: bytes | str) -> str:
    """A stable hash of a request body, to tell a retry from a different request."""
    data = body.encode() if isinstance(body, str) else body
    return hashlib.sha256(data).hexdigest()


class Writer:
    """Serialises writes to one store (the idempotency check and the commit are atomic), and
    tells the `view` of claim statuses, if any, which claims each write changed."""

    def __init__(self, store: Store, view: StatusView | None = None):
        self.store, self.view = store, view
        self._lock = threading.Lock()

    def _replay(self, ctx: Context) -> WriteResult | None:
        if not ctx.idempotency_key:
            return None
        key = f"{ctx.who.name}|{ctx.idempotency_key}"
        rows = self.store.select(
            f"""SELECT ?g ?made ?fp WHERE {{ ?g <{NHSG}idempotencyKey> {Literal(key).n3()} ;
                <{NHSG}created> ?made ; <{NHSG}requestFingerprint> ?fp }}"""
        )
        if not rows:
            return None
        if ctx.fingerprint and rows[0]["fp"] != ctx.fingerprint:
            raise InvalidInput(
                "this Idempotency-Key was used for a different request",
                [Problem("Idempotency-Key", "use a new key for a new request")],
            )
        return WriteResult(slug(rows[0]["made"]), rows[0]["g"], replayed=True)

    def _commit(
        self,
        kind: str,
        made: str | list[str],
        data: list[Triple],
        ctx: Context,
        claims: Iterable[str] = (),
    ) -> tuple[WriteResult, int | None]:
        """Commit `data` with its provenance in a new graph, then tell the view which claims
        changed: those the triples name, and `claims`. At once, not after the disk sync, which
        may fail when readers already see the commit."""
        graph = provenance.new_graph_iri(kind, uuid.uuid4().hex)
        record = provenance.record(
            graph, ctx.who.name, ctx.activity, provenance.now(), ctx.request_id
        )
        g = URIRef(graph)
        made_list = [made] if isinstance(made, str) else made
        record += [(g, N.created, URIRef(m)) for m in made_list]
        if ctx.idempotency_key:
            key = f"{ctx.who.name}|{ctx.idempotency_key}"
            record += [
                (g, N.idempotencyKey, Literal(key)),
                (g, N.requestFingerprint, Literal(ctx.fingerprint or "")),
            ]
        written = data + record
        ticket = self.store.commit_graph(graph, written)
        changed = frozenset(claims_written(data) | set(claims)) if self.view else frozenset()
        if self.view:
            self.view.touch(changed)
        made_id = slug(made_list[0]) if made_list else ""
        return WriteResult(made_id, graph, triples=written, claims=changed), ticket

    def _settle(self, result: WriteResult, ticket: int | None) -> WriteResult:
        """Outside the lock: have the view catch up with the changed claims while we wait for
        the disk (for a replay, for every commit: its write may be one)."""
        if self.view and result.claims:
            self.view.catch_up_soon(result.claims)
        self.store.wait_durable(ticket)
        return result

    def _write(
        self, kind: str, made: str | list[str], data: list[Triple], ctx: Context
    ) -> WriteResult:
        """Check for a replay and commit under the lock, then wait for the disk outside it:
        holding the lock through the flush would stop concurrent writes sharing one."""
        with self._lock:
            result, ticket = self._replay(ctx), None
            if result is None:
                result, ticket = self._commit(kind, made, data, ctx)
        return self._settle(result, ticket)

    def _source(self, refs: References, value: str | SourceIn) -> list[Triple]:
        if isinstance(value, str):
            refs.need("source", "source", value)
            return []
        new = build.new_id("s")
        refs.found["source"] = iri("source", new)
        return build.source(value, new)

    def prepare_claim(self, body: ClaimIn, refs: References) -> tuple[str, list[Triple]]:
        """The IRI and triples of a new claim; missing references are noted in `refs`."""
        refs.need("group", "group", body.group)
        refs.need("benefit", "benefit", body.benefit)
        extra = self._source(refs, body.source)
        if refs.problems:
            return "", []
        new = build.new_id("c")
        return iri("claim", new), build.claim(body, new, refs.found) + extra

    def prepare_evidence(self, body: EvidenceIn, refs: References) -> tuple[str, list[Triple]]:
        """The IRI and triples of a new evidence item; missing references noted in `refs`."""
        refs.need("claim", "claim", body.claim)
        refs.need("benefit", "benefit", body.benefit)
        extra = self._source(refs, body.source)
        if refs.problems:
            return "", []
        new = build.new_id("e")
        return iri("evidence", new), build.evidence(body, new, refs.found) + extra

    def add_claim(self, body: ClaimIn, ctx: Context) -> WriteResult:
        """Add a claim (and its new source, if given one)."""
        refs = References(self.store)
        made, data = self.prepare_claim(body, refs)
        refs.raise_if_missing()
        shapes(data)
        return self._write("claim", made, data, ctx)

    def add_evidence(self, body: EvidenceIn, ctx: Context) -> WriteResult:
        """Add an evidence item, unverified until reviewed (and its new source, if any)."""
        refs = References(self.store)
        made, data = self.prepare_evidence(body, refs)
        refs.raise_if_missing()
        shapes(data)
        return self._write("evidence", made, data, ctx)

    def add_batch(
        self, kind: str, made: list[str], data: list[Triple], ctx: Context
    ) -> WriteResult:
        """Many prepared claims or items as one write: one graph, all of it or none."""
        shapes(data)
        return self._write(kind, made, data, ctx)

    def submitter(self, item: str) -> str | None:
        """The agent name that wrote an item's graph (None for the seed)."""
        rows = self.store.select(queries.get("submitter"), {"item": item})
        return rows[0]["name"] if rows else None

    def add_review(self, item_ref: str, body: ReviewIn, ctx: Context) -> WriteResult:
        """Record a review that sets an item's status; reviewers only, never of their own."""
        if not ctx.who.may_review():
            raise Forbidden("reviewing needs a reviewer token")
        item = require(self.store, "evidence", item_ref)
        if self.submitter(item) == ctx.who.name:
            raise Forbidden("a reviewer cannot review an item they submitted")
        new = build.new_id("r")
        claims = self._claims_of(item)  # which never change: nothing is ever overwritten
        with self._lock:
            result, ticket = self._replay(ctx), None
            if result is None:
                # Under the lock, so that two reviews never supersede the same one.
                current = self.store.select(queries.get("current-review"), {"item": item})
                at = provenance.timestamp(provenance.now())
                who = provenance.agent_iri(ctx.who.name)
                previous = current[0]["review"] if current else None
                data = build.review(item, new, body.status, body.comment, who, at, previous)
                shapes(data)
                result, ticket = self._commit("review", iri("review", new), data, ctx, claims)
        return self._settle(result, ticket)

    def _claims_of(self, item: str) -> list[str]:
        if self.view is None:
            return []
        return [r["claim"] for r in self.store.select(queries.get("item-claims"), {"item": item})]
