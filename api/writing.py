"""What every write route shares: the write context from the request, and the 201 answer."""

import uuid
from collections.abc import Callable

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from kg.tokens import Principal
from kg.writes.operations import Context, WriteResult, fingerprint


async def context(request: Request, who: Principal) -> Context:
    """Who writes, through which route, the request id and the idempotency key."""
    key = request.headers.get("idempotency-key")
    return Context(
        who=who,
        activity=f"{request.method} {request.url.path}",
        request_id=request.headers.get("x-request-id") or uuid.uuid4().hex,
        idempotency_key=key[:200] if key else None,
        fingerprint=fingerprint(await request.body()) if key else None,
    )


def created(location: str, body: dict, replayed: bool, request_id: str | None) -> JSONResponse:
    """201 with Location; a replay (same Idempotency-Key) says so in Idempotent-Replayed."""
    headers = {"Location": location}
    if request_id:
        headers["X-Request-ID"] = request_id
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(body, status_code=201, headers=headers)


async def write_then_read(
    write: Callable[[], WriteResult], read: Callable[[WriteResult], dict]
) -> tuple[WriteResult, dict]:
    """Run a write, then read back what it made, in one trip to the thread pool."""

    def both() -> tuple[WriteResult, dict]:
        result = write()
        return result, read(result)

    return await run_in_threadpool(both)
