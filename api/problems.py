"""The one error shape: RFC 9457 problem+json, built here and only here.

kg raises domain errors with context and no HTTP codes; this module gives each its status and
turns it, FastAPI's validation errors and Starlette's HTTP errors into a problem document.
"""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from kg import errors

log = logging.getLogger("kg.api")
MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://w3id.org/nhs-groups-kg/problems/"

STATUS = {
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.ConflictingData: 409,
    errors.InvalidInput: 422,
    errors.QuerySyntaxError: 400,
    errors.QueryRefused: 403,
    errors.QueryTimeout: 503,
    errors.StoreUnavailable: 503,
    errors.UnsupportedContentType: 415,
    errors.UnsupportedFormat: 406,
}


class ProblemError(BaseModel):
    """One thing wrong: where (a field, or line:column) and what."""

    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document, with the extension members this API uses."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[ProblemError] | None = None
    line: int | None = None
    column: int | None = None


def problem(
    status: int,
    title: str,
    detail: str | None,
    request: Request | None = None,
    kind: str | None = None,
    headers: dict | None = None,
    **extra,
) -> JSONResponse:
    """A problem+json response."""
    body = {
        "type": TYPE_BASE + kind if kind else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path if request else None,
        **{k: v for k, v in extra.items() if v is not None},
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _kind(exc: Exception) -> str:
    name = type(exc).__name__
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def from_domain(request: Request, exc: errors.KGError) -> JSONResponse:
    """A kg error as a problem with the status its class maps to."""
    status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 500)
    extra: dict = {}
    if isinstance(exc, errors.InvalidInput):
        extra["errors"] = [
            {"field": p.where, "message": p.message, **p.extra} for p in exc.problems
        ]
    if isinstance(exc, errors.QuerySyntaxError):
        extra.update(line=exc.line, column=exc.column)
    if isinstance(exc, errors.UnsupportedFormat):
        extra["supported"] = exc.supported
    if status == 500:
        log.error("unexpected domain error on %s: %s", request.url.path, exc.detail)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem(status, exc.title, exc.detail, request, _kind(exc), headers, **extra)


def _field_error(e: dict) -> dict:
    if e.get("type") == "json_invalid":  # loc is ("body", character position)
        where = e.get("loc", ("body", "?"))[-1]
        reason = e.get("ctx", {}).get("error", "malformed")
        return {"field": "body", "message": f"malformed JSON at character {where}: {reason}"}
    field = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
    return {"field": field, "message": e.get("msg", "invalid")}


def from_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422, reshaped: one entry per wrong field, named by its location."""
    found = [_field_error(e) for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in found)
    return problem(422, "Invalid input", detail, request, "invalid-input", errors=found)


def from_http(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's HTTP errors (unknown route, wrong method) as problems."""
    titles = {404: "Not found", 405: "Method not allowed", 413: "Content too large"}
    detail = exc.detail if isinstance(exc.detail, str) else None
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.url.path}"
    return problem(
        exc.status_code,
        titles.get(exc.status_code, "HTTP error"),
        detail,
        request,
        headers=getattr(exc, "headers", None),
    )


def from_anything(request: Request, exc: Exception) -> JSONResponse:
    """The last resort: log the traceback here, send none."""
    # Starlette calls this after leaving its `except` block: log.exception would log no traceback.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        500,
        "Internal error",
        "the server failed to answer; it has been logged",
        request,
        "internal-error",
    )


def install(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(errors.KGError, from_domain)
    app.add_exception_handler(RequestValidationError, from_validation)
    app.add_exception_handler(HTTPException, from_http)
    app.add_exception_handler(Exception, from_anything)


def responses(*codes: int) -> dict:
    """OpenAPI entries for the problem responses a route can give."""
    return {
        c: {"model": Problem, "content": {MEDIA_TYPE: {}}, "description": "A problem"}
        for c in codes
    }
