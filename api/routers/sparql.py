"""/sparql: the SPARQL 1.1 Protocol, read-only, with a time limit and a row cap."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import PoolDep, SettingsDep
from api.negotiation import choose
from api.problems import responses
from api.service_description import describe
from kg import formats, userquery
from kg.errors import InvalidInput, Problem, QueryRefused, UnsupportedContentType

router = APIRouter(tags=["sparql"])
RESULT_TYPES = formats.formats_of("results")
ASK_TYPES = [f for f in RESULT_TYPES if f.name in ("json", "xml")]
GRAPH_TYPES = [formats.by_name(n, "rdf") for n in ("turtle", "ntriples", "jsonld", "rdfxml")]
CONTENT = {
    200: {
        "description": "Results or a graph, as negotiated",
        "content": {f.media_type: {} for f in RESULT_TYPES + GRAPH_TYPES},
    }
}
ERRORS = responses(400, 403, 406, 413, 415, 422, 503)
QueryQ = Annotated[str | None, Query(description="A SPARQL 1.1 query.")]
GraphsQ = Annotated[list[str] | None, Query(alias="default-graph-uri")]
NamedQ = Annotated[list[str] | None, Query(alias="named-graph-uri")]


def _evaluate(
    request: Request,
    pool: PoolDep,
    settings: SettingsDep,
    text: str,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    form = userquery.check(text)
    candidates = {"select": RESULT_TYPES, "ask": ASK_TYPES}.get(form, GRAPH_TYPES)
    fmt = choose(request, candidates)
    answer = pool.run(
        text,
        form,
        fmt.name,
        fmt.media_type,
        settings.max_rows,
        tuple(default_graphs),
        tuple(named_graphs),
    )
    headers = {
        "X-KG-Max-Rows": str(settings.max_rows),
        "X-KG-Truncated": "true" if answer.truncated else "false",
    }
    return Response(answer.body, media_type=fmt.media_type, headers=headers)


@router.get(
    "/sparql",
    summary="Query (or the service description without one)",
    responses={**CONTENT, **ERRORS},
)
def sparql_get(
    request: Request,
    pool: PoolDep,
    settings: SettingsDep,
    query: QueryQ = None,
    default_graph_uri: GraphsQ = None,
    named_graph_uri: NamedQ = None,
) -> Response:
    if "update" in request.query_params:
        raise QueryRefused("this endpoint is read-only: SPARQL Update is refused")
    if query is None:
        fmt = choose(request, GRAPH_TYPES)
        return Response(
            describe(str(request.url_for("sparql_get")), fmt), media_type=fmt.media_type
        )
    return _evaluate(request, pool, settings, query, default_graph_uri or [], named_graph_uri or [])


@router.post(
    "/sparql",
    summary="Query by POST: form-encoded or application/sparql-query",
    responses={**CONTENT, **ERRORS},
    openapi_extra={
        "requestBody": {
            "content": {
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": {"query": {"type": "string"}}}
                },
            }
        }
    },
)
async def sparql_post(request: Request, pool: PoolDep, settings: SettingsDep) -> Response:
    from starlette.concurrency import run_in_threadpool

    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    graphs = request.query_params.getlist("default-graph-uri")
    named = request.query_params.getlist("named-graph-uri")
    if ctype == "application/sparql-update":
        raise QueryRefused("this endpoint is read-only: SPARQL Update is refused")
    if ctype == "application/sparql-query":
        text = (await request.body()).decode("utf-8", errors="replace")
    elif ctype == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise QueryRefused("this endpoint is read-only: SPARQL Update is refused")
        text = form.get("query")
        graphs += form.getlist("default-graph-uri")
        named += form.getlist("named-graph-uri")
        if not isinstance(text, str):
            raise InvalidInput("no query given", [Problem("query", "a query is required")])
    else:
        raise UnsupportedContentType(
            f"cannot read a request body of type '{ctype or 'none'}'",
            ["application/sparql-query", "application/x-www-form-urlencoded"],
        )
    return await run_in_threadpool(_evaluate, request, pool, settings, text, graphs, named)
