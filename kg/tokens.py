"""Bearer tokens for writes. Only a salted hash is kept, in a JSON file outside the graph, so
no query can ever read a token."""

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kg.errors import InvalidInput, NotFound, Problem

ROLES = ("contributor", "reviewer")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True)
class Principal:
    """Who a token belongs to, and what it may do."""

    name: str
    role: str

    def may_review(self) -> bool:
        """Reviewers may review; everyone with a token may contribute."""
        return self.role == "reviewer"


def _digest(salt: str, secret: str) -> str:
    # The secret is 256 random bits, so one fast salted hash is enough; a slow KDF would only
    # slow every write down.
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


class TokenFile:
    """The tokens file: create, list, revoke, and check tokens (reloaded when it changes)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cache: tuple[float, dict] | None = None

    def _read(self) -> dict:
        try:
            mtime = self.path.stat().st_mtime
        except FileNotFoundError:
            return {}
        if self._cache and self._cache[0] == mtime:
            return self._cache[1]
        data = json.loads(self.path.read_text())
        self._cache = (mtime, data)
        return data

    def _write(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(data, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        self._cache = None

    def create(self, name: str, role: str = "contributor") -> str:
        """A new token for `name` (replacing any older one); returns the token itself."""
        if not _NAME.fullmatch(name):
            raise InvalidInput(
                f"invalid token name '{name}'",
                [Problem("name", "letters, digits and . _ @ -, starting with a letter or digit")],
            )
        if role not in ROLES:
            raise InvalidInput(
                f"unknown role '{role}'", [Problem("role", f"must be one of: {', '.join(ROLES)}")]
            )
        key, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(8)
        with self._lock:
            data = {k: v for k, v in self._read().items() if v["name"] != name}
            data[key] = {
                "name": name,
                "role": role,
                "salt": salt,
                "hash": _digest(salt, secret),
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            self._write(data)
        return f"kg_{key}_{secret}"

    def list(self) -> list[dict]:
        """Name, role and creation time of every token (never the token)."""
        return sorted(
            (
                {"name": v["name"], "role": v["role"], "created": v["created"]}
                for v in self._read().values()
            ),
            key=lambda t: t["name"],
        )

    def revoke(self, name: str) -> None:
        """Remove the token of `name`."""
        with self._lock:
            data = self._read()
            kept = {k: v for k, v in data.items() if v["name"] != name}
            if len(kept) == len(data):
                raise NotFound("token", name)
            self._write(kept)

    def check(self, token: str) -> Principal | None:
        """The principal a token belongs to, or None when it is unknown or malformed."""
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != "kg":
            return None
        entry = self._read().get(parts[1])
        if entry is None or not hmac.compare_digest(
            entry["hash"], _digest(entry["salt"], parts[2])
        ):
            return None
        return Principal(entry["name"], entry["role"])
