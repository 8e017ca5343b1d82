"""`kg serve`: listening socket, startup output, refusal of a taken port."""

import socket
import subprocess
import sys

from kg.cli.serve import _bind


def test_listening_socket_is_tcp_so_connections_get_nodelay():
    sock = _bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockname()[1] > 0
    finally:
        sock.close()


def test_taken_port_is_a_one_line_error(tmp_path):
    holder = _bind("127.0.0.1", 0)
    holder.listen()
    port = holder.getsockname()[1]
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "kg.cli.main", "serve", "--memory", "-p", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
    finally:
        holder.close()
    assert proc.returncode == 3
    assert proc.stderr.strip().startswith("kg: error: cannot listen on 127.0.0.1:")
    assert "Traceback" not in proc.stderr


def test_a_remote_store_without_tokens_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_TOKENS", raising=False)
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "serve", "--store", "http://127.0.0.1:9/sparql"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("kg: error: a remote store needs KG_TOKENS")
    assert list(tmp_path.iterdir()) == []


def test_startup_prints_the_urls(tmp_path):
    from tests.server import Server

    server = Server(tmp_path / "store")
    try:
        err = ""
        server.proc.terminate()
        _, err = server.proc.communicate(timeout=30)
    finally:
        server.stop()
    for part in ("/docs", "/sparql", server.url):
        assert part in err
