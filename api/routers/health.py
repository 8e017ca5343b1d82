"""GET /health: liveness, store kind and size."""

from fastapi import APIRouter

from api.deps import StoreDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Liveness, store kind and triple count")
def health(store: StoreDep) -> dict:
    store.ping()  # the count may come from a cache; liveness must not
    return {"status": "ok", "store": store.kind, "triples": len(store)}


@router.get("/", summary="Where to start")
def index() -> dict:
    return {
        "name": "NHS groups evidence graph",
        "question": "which claimed benefits lack independent evidence?",
        "links": {
            "gaps": "/gaps",
            "claims": "/claims",
            "groups": "/groups",
            "benefits": "/benefits",
            "sparql": "/sparql",
            "docs": "/docs",
            "openapi": "/openapi.json",
            "health": "/health",
        },
    }
