"""Choosing a response format: `?format=` first (for pasted URLs), then the Accept header."""

from fastapi import Request

from kg import formats
from kg.errors import UnsupportedFormat
from kg.formats import Format


def choose(request: Request, candidates: list[Format]) -> Format:
    """The format to answer in, from the candidates; UnsupportedFormat (406) if none fits."""
    wanted = request.query_params.get("format")
    names = [f.name for f in candidates]
    if wanted:
        for f in candidates:
            if wanted.lower() in (f.name, f.media_type, *f.aliases, *f.extensions):
                return f
        raise UnsupportedFormat(f"format '{wanted}' is not available here", names)
    found = formats.negotiate(request.headers.get("accept"), candidates)
    if found is None:
        raise UnsupportedFormat(
            f"none of the types in Accept: {request.headers.get('accept')} is available here",
            [f.media_type for f in candidates],
        )
    return found
