"""Checking a stranger's SPARQL before it runs: read-only, no SERVICE, no LOAD.

rdflib's parser is used only to look: it builds a parse tree and evaluates nothing, so a
query is refused before any engine sees it.
"""

from functools import lru_cache

from pyparsing import ParseException
from rdflib.plugins.sparql import parser

from kg.errors import QueryRefused, QuerySyntaxError

FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}


def _names(node: object) -> set[str]:
    """Every parse-tree node name below `node` (rdflib's CompValue has a .name)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if isinstance(name, str):
            found.add(name)
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple) or hasattr(item, "asList"):
            stack.extend(list(item))
    return found


def _refuse_update(text: str, error: ParseException) -> None:
    try:
        tree = parser.parseUpdate(text)
    except ParseException:
        return
    if "Load" in _names(tree):
        raise QueryRefused("LOAD is refused: this server does not fetch URLs for anyone")
    raise QueryRefused("this endpoint is read-only: SPARQL Update is refused")


@lru_cache(maxsize=512)
def check(text: str) -> str:
    """The query's form (select, ask, construct, describe), or a refusal or syntax error."""
    try:
        tree = parser.parseQuery(text)
    except ParseException as exc:
        _refuse_update(text, exc)
        raise QuerySyntaxError(
            f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}",
            exc.lineno,
            exc.col,
        ) from None
    names = _names(tree)
    if "ServiceGraphPattern" in names:
        raise QueryRefused("SERVICE is refused: this server does not fetch URLs for anyone")
    return FORMS[tree[1].name]
