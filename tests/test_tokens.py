import json
import stat

import pytest

from kg.errors import InvalidInput, NotFound
from kg.tokens import TokenFile


@pytest.fixture
def tokens(tmp_path):
    return TokenFile(tmp_path / "tokens.json")


def test_create_check_list_revoke(tokens):
    a = tokens.create("alice")
    b = tokens.create("bob", "reviewer")
    assert tokens.check(a).name == "alice" and tokens.check(a).role == "contributor"
    assert tokens.check(b).may_review() and not tokens.check(a).may_review()
    assert [t["name"] for t in tokens.list()] == ["alice", "bob"]
    tokens.revoke("alice")
    assert tokens.check(a) is None and tokens.check(b) is not None
    with pytest.raises(NotFound):
        tokens.revoke("alice")


def test_only_a_salted_hash_is_kept(tokens):
    a = tokens.create("alice")
    text = tokens.path.read_text()
    secret = a.split("_", 2)[2]
    assert secret not in text
    entry = next(iter(json.loads(text).values()))
    assert entry["salt"] and len(entry["hash"]) == 64
    assert stat.S_IMODE(tokens.path.stat().st_mode) == 0o600


def test_new_token_replaces_the_old(tokens):
    old = tokens.create("alice")
    new = tokens.create("alice", "reviewer")
    assert tokens.check(old) is None and tokens.check(new).role == "reviewer"


@pytest.mark.parametrize("token", ["", "kg_", "kg_x_y", "Bearer x", "kg_abc_def_ghi"])
def test_malformed_or_unknown_tokens(tokens, token):
    tokens.create("alice")
    assert tokens.check(token) is None


def test_a_tampered_secret_fails(tokens):
    a = tokens.create("alice")
    assert tokens.check(a[:-1] + ("A" if a[-1] != "A" else "B")) is None


@pytest.mark.parametrize(("name", "role"), [("bad name", "contributor"), ("ok", "admin")])
def test_bad_names_and_roles(tokens, name, role):
    with pytest.raises(InvalidInput):
        tokens.create(name, role)


def test_another_process_sees_new_tokens(tokens):
    reader = TokenFile(tokens.path)
    assert reader.check("kg_a_b") is None
    a = tokens.create("alice")
    assert reader.check(a).name == "alice"


def test_cli_token_commands(kg, tmp_path):
    code, out, err = kg("token", "create", "carol", "--role", "reviewer", "--store", "db")
    assert code == 0
    token = out.strip().splitlines()[-1]
    assert TokenFile(tmp_path / "db" / "tokens.json").check(token).role == "reviewer"
    code, out, _ = kg("token", "list", "--store", "db")
    assert "carol" in out and token not in out
    code, _, _ = kg("token", "revoke", "carol", "--store", "db")
    assert code == 0
    code, _, err = kg("token", "revoke", "carol", "--store", "db")
    assert code == 2 and "carol" in err
    code, _, err = kg("token", "create", "x y", "--store", "db")
    assert code == 2
