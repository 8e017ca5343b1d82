"""Named SPARQL queries: the `.rq` files in ontology/queries, used by the CLI, API and tests.

A query may embed another with `{{name}}`: a query as a subquery (its PREFIX lines move to the
top), or a fragment (a file whose name starts with `_`, not a query by itself) verbatim. That
keeps each part of the rule in exactly one file: _evidence-item, _evidence-flags, _count-flags,
_counts and _status-ladder are shared by claim-status, benefit-status, evidence-status and gaps.

A part may say how to find the same rows two ways: `{{#one}}...{{/one}}` when something is
bound (one claim's page: look it up) and `{{#all}}...{{/all}}` when nothing is (the whole
graph: join whole patterns). `bind` keeps the section that fits.
"""

import re
from collections.abc import Mapping, Sequence
from functools import cache

from kg.errors import NotFound
from kg.resources import queries_dir

_INCLUDE = re.compile(r"\{\{(_?[a-z0-9-]+)\}\}")
_PREFIX = re.compile(r"^\s*PREFIX\s+\S+\s*<[^>]*>\s*$", re.IGNORECASE | re.MULTILINE)


def names() -> list[str]:
    """The names of all named queries (file names without `.rq`)."""
    return sorted(p.stem for p in queries_dir().glob("*.rq") if not p.stem.startswith("_"))


def _raw(name: str) -> str:
    path = queries_dir() / f"{name}.rq"
    if not path.is_file():
        raise NotFound("named query", name)
    return path.read_text(encoding="utf-8")


def _split(text: str) -> tuple[list[str], str]:
    prefixes = [m.group(0).strip() for m in _PREFIX.finditer(text)]
    body = _PREFIX.sub("", text)
    body = "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))
    return prefixes, body.strip()


def _expand(name: str, seen: tuple[str, ...]) -> tuple[list[str], str]:
    if name in seen:
        raise ValueError(f"named query '{name}' includes itself: {' -> '.join(seen)}")
    prefixes, body = _split(_raw(name))

    def embed(match: re.Match[str]) -> str:
        inner_prefixes, inner_body = _expand(match.group(1), (*seen, name))
        prefixes.extend(p for p in inner_prefixes if p not in prefixes)
        if match.group(1).startswith("_"):
            return inner_body
        # ORDER BY has no meaning in a subquery; dropping it saves the engine a sort.
        inner_body = re.sub(r"\n\s*ORDER BY[^\n]*$", "", inner_body)
        return "{ " + inner_body + " }"

    body = _INCLUDE.sub(embed, body)
    return prefixes, body


# A binding: one IRI, or several (a page of claims) for the same slot.
Bindings = Mapping[str, str | Sequence[str]]

_SLOT = re.compile(r"\{\{\?([A-Za-z][A-Za-z0-9]*)(?:\s*\|([^}]*))?\}\}")
# Bound, these ask for one thing's page: a lookup beats joining whole patterns. A benefit is
# not one of them: it pools thousands of items at 1M triples, and hashing them wins.
ONE = {"claim", "item"}
# A section with no section inside: they nest, so bind resolves them from the inside out.
_SECTION = re.compile(r"\{\{#(one|all)\}\}((?:(?!\{\{#).)*?)\{\{/\1\}\}", re.DOTALL)
_SAFE_IRI = re.compile(r"[^<>\"{}|^`\\\s]+")


def sections(text: str, keep: str) -> str:
    """`text` with only its `one` or its `all` sections (see the module's docstring)."""
    while True:
        text, found = _SECTION.subn(lambda m: m.group(2) if m.group(1) == keep else "", text)
        if not found:
            return text


def bind(text: str, bindings: Bindings | None = None) -> str:
    """Keep the `one` sections when a claim or an item is bound and the `all` sections
    otherwise, then fill the binding slots: `{{?claim}}` becomes `VALUES ?claim { <iri> }` when
    ?claim is bound (`{ <iri1> <iri2> }` when given several), and nothing otherwise.
    `{{?claim | PATTERN}}` adds PATTERN too, only when bound: a way to narrow an inner OPTIONAL
    to the bound thing without changing what the query means when nothing is bound.

    A slot sits just before the pattern the variable should start from, so the engine begins
    with one claim instead of computing every claim and filtering (Oxigraph does not push its
    own substitutions down, and VALUES at the top is no better).
    """
    iris = {k: [v] if isinstance(v, str) else list(v) for k, v in (bindings or {}).items()}
    unknown = set(iris) - {m.group(1) for m in _SLOT.finditer(text)}
    if unknown:
        raise ValueError(f"the query has no binding slot for: {', '.join(sorted(unknown))}")
    for value in (v for values in iris.values() for v in values or [""]):
        if not _SAFE_IRI.fullmatch(value):
            raise ValueError(f"not an IRI that can be bound: {value!r}")

    text = sections(text, "one" if ONE.intersection(iris) else "all")

    def fill(match: re.Match[str]) -> str:
        name, pattern = match.group(1), match.group(2) or ""
        if name not in iris:
            return ""
        values = " ".join(f"<{v}>" for v in iris[name])
        return f"VALUES ?{name} {{ {values} }} {pattern.strip()}".rstrip()

    return _SLOT.sub(fill, text)


@cache
def get(name: str) -> str:
    """The full text of a named query, with its embedded queries expanded."""
    prefixes, body = _expand(name, ())
    return "\n".join([*prefixes, body]) + "\n"
