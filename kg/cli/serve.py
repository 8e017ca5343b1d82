"""`kg serve`: the API on uvicorn. The app is named by import string so that kg never imports
api (the dependency goes api -> kg); settings reach the factory through KG_* variables."""

import os
import socket
import threading
import webbrowser
from typing import Annotated

import typer

from kg.cli.common import MemoryOpt, StoreOpt, err

APP = "api.app:create_app"


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY on accepted connections only when
    # the proto says TCP, and without it every keep-alive response waits ~40 ms (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        from kg.errors import StoreUnavailable

        raise StoreUnavailable(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


def serve(
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    host: Annotated[str, typer.Option("--host", "-h", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port; 0 picks a free one.")] = 8000,
    cors: Annotated[bool, typer.Option("--cors", help="Allow cross-origin requests.")] = False,
    open_browser: Annotated[bool, typer.Option("--open", help="Open /docs in a browser.")] = False,
) -> None:
    """Serve the HTTP API (seeding a new store first) until interrupted."""
    import uvicorn

    if store is not None:
        os.environ["KG_STORE"] = store
    if memory:
        os.environ["KG_MEMORY"] = "true"
    if cors:
        os.environ["KG_CORS"] = "true"
    from kg.settings import Settings

    Settings().tokens_path()  # refused here in one line, not as a traceback from app startup
    sock = _bind(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}"
    config = uvicorn.Config(APP, factory=True, log_level="info", access_log=False)
    server = uvicorn.Server(config)
    where = "in memory" if memory else os.environ.get("KG_STORE", "./kg-data")
    err.print(
        f"serving the store {where}\n  API     {url}/\n  docs    {url}/docs\n"
        f"  SPARQL  {url}/sparql",
        markup=False,
        highlight=False,
    )
    print(url, flush=True)  # the one line on stdout, for scripts that started us with -p 0
    if open_browser:
        threading.Timer(1.5, webbrowser.open, args=(url + "/docs",)).start()
    server.run(sockets=[sock])
