"""Domain errors. They carry context fields and no HTTP codes; api/problems.py maps them."""

import re
from dataclasses import dataclass, field


class KGError(Exception):
    """Base of every error the kg package raises on purpose."""

    title = "Knowledge graph error"

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class NotFound(KGError):
    """A thing asked for by id does not exist."""

    title = "Not found"

    def __init__(self, kind: str, ref: str):
        super().__init__(f"no {kind} with id '{ref}'")
        self.kind = kind
        self.ref = ref


class ConflictingData(KGError):
    """The store holds facts about one thing that cannot all be true (two files loaded with
    different benefits for one claim): its page cannot be built until one is removed."""

    title = "Conflicting data"

    def __init__(self, kind: str, ref: str, detail: str):
        super().__init__(f"the {kind} '{ref}' has {detail}")
        self.kind = kind
        self.ref = ref


@dataclass
class Problem:
    """One thing wrong with an input: where (field or line:column) and what."""

    where: str
    message: str
    extra: dict = field(default_factory=dict)


class InvalidInput(KGError):
    """Input that cannot be accepted; lists every problem found, not just the first."""

    title = "Invalid input"

    def __init__(self, detail: str, problems: list[Problem]):
        super().__init__(detail)
        self.problems = problems


class QuerySyntaxError(KGError):
    """A SPARQL query that does not parse; line and column are 1-based when known."""

    title = "SPARQL syntax error"

    def __init__(self, detail: str, line: int | None = None, column: int | None = None):
        super().__init__(detail)
        self.line = line
        self.column = column


class QueryRefused(KGError):
    """A query that is well formed but not allowed here (an update, SERVICE, LOAD)."""

    title = "Query refused"


class QueryTimeout(KGError):
    """A query that ran past its time limit and was stopped."""

    title = "Query timed out"

    def __init__(self, seconds: float):
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped")
        self.seconds = seconds


class StoreUnavailable(KGError):
    """The store cannot be reached or opened (locked, down, slow)."""

    title = "Store unavailable"


class UnsupportedFormat(KGError):
    """A file or media type we cannot read or write."""

    title = "Unsupported format"

    def __init__(self, detail: str, supported: list[str]):
        super().__init__(detail)
        self.supported = supported


class UnsupportedContentType(UnsupportedFormat):
    """A request body of a media type we do not read."""

    title = "Unsupported content type"


class Forbidden(KGError):
    """The caller is known but may not do this (a contributor reviewing, a self-review)."""

    title = "Forbidden"


class Unauthorized(KGError):
    """No credentials, or credentials nobody issued."""

    title = "Unauthorized"


def syntax_error(exc: SyntaxError) -> QuerySyntaxError:
    """Keep line and column apart: queries say 'error at 1:35: ...', RDF parsers say
    'Parser error at line 4 column 11: ...'."""
    text = str(exc)
    match = re.search(r"at (\d+):(\d+)|line (\d+) column (\d+)", text)
    if match:
        line, column = (g for g in match.groups() if g is not None)
        return QuerySyntaxError(text, int(line), int(column))
    return QuerySyntaxError(text)
