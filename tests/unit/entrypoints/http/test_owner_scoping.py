"""Owner scoping through the api with two identities (a fake ``CallerIdentity`` reading a
test header): each sees, lists and acts only on their own jobs, anything else answers 403
with the JSON error body; an admin from settings sees and acts on all; local mode is one
person ("local")."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.entrypoints.http import create_app
from demoforge.settings import Settings

from .test_api import assert_error

ALICE = {"X-Test-User": "alice@corp.example"}
BOB = {"X-Test-User": "bob@corp.example"}
ADMIN = {"X-Test-User": "boss@corp.example"}


class HeaderIdentity:
    """Who calls, as the test says (the real one verifies ID tokens)."""

    def caller(self, headers: Mapping[str, str]) -> str:
        return next((v for k, v in headers.items() if k.lower() == "x-test-user"), "unknown")


@pytest.fixture
def client(tmp_path: Path) -> Any:
    deps = Container(Settings(home=tmp_path, admins=("boss@corp.example",)),
                     store=SQLiteJobStore(tmp_path / "jobs.sqlite"), bus=MemoryBus(),
                     artifacts=LocalArtifactStore(tmp_path), identity=HeaderIdentity())
    return create_app(lambda: deps).test_client()


def create(client: Any, who: dict[str, str], url: str) -> str:
    resp = client.post("/jobs", json={"customer_url": url}, headers=who)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    return str(resp.get_json()["job_id"])


def test_two_identities_see_and_act_only_on_their_own_jobs(client: Any) -> None:
    a1 = create(client, ALICE, "https://a1.example")
    a2 = create(client, ALICE, "https://a2.example")
    b1 = create(client, BOB, "https://b1.example")

    listed = client.get("/jobs", headers=ALICE).get_json()
    assert [j["job_id"] for j in listed["jobs"]] == [a2, a1]
    assert [j["job_id"] for j in client.get("/jobs", headers=BOB).get_json()["jobs"]] == [b1]
    page = client.get("/jobs?limit=1", headers=ALICE).get_json()
    nxt = client.get("/jobs", query_string={"limit": 1, "cursor": page["next_cursor"]},
                     headers=ALICE).get_json()
    assert [page["jobs"][0]["job_id"], nxt["jobs"][0]["job_id"]] == [a2, a1]
    assert nxt["next_cursor"] is None

    assert client.get(f"/jobs/{a1}", headers=ALICE).status_code == 200
    for method, path in [
        ("get", f"/jobs/{a1}"), ("get", f"/jobs/{a1}/events"), ("get", f"/jobs/{a1}/assets"),
        ("get", f"/jobs/{a1}/report"), ("post", f"/jobs/{a1}:cancel"),
        ("post", f"/jobs/{a1}:retry"), ("delete", f"/jobs/{a1}"),
    ]:
        err = assert_error(getattr(client, method)(path, headers=BOB), 403, "forbidden")
        assert a1 in err["message"]
    err = assert_error(client.post(f"/jobs/{a1}:answer", json={"industry": "insurance"},
                                   headers=BOB), 403, "forbidden")
    # Nothing happened to Alice's job.
    job = client.get(f"/jobs/{a1}", headers=ALICE).get_json()
    assert job["status"] == "queued"
    assert client.post(f"/jobs/{a1}:cancel", headers=ALICE).status_code == 200
    # Unknown jobs stay 404 for everyone.
    assert_error(client.get("/jobs/nosuchjob", headers=BOB), 404)


def test_an_admin_sees_and_acts_on_every_job(client: Any) -> None:
    a1 = create(client, ALICE, "https://a1.example")
    b1 = create(client, BOB, "https://b1.example")
    ids = {j["job_id"] for j in client.get("/jobs", headers=ADMIN).get_json()["jobs"]}
    assert ids == {a1, b1}
    assert client.get(f"/jobs/{b1}/events", headers=ADMIN).status_code == 200
    assert client.post(f"/jobs/{b1}:cancel", headers=ADMIN).get_json()["status"] == "cancelled"


def test_an_unverified_caller_owns_nothing(client: Any) -> None:
    a1 = create(client, ALICE, "https://a1.example")
    create(client, {}, "https://nobody.example")  # created_by "unknown"
    assert client.get("/jobs").get_json() == {"jobs": [], "next_cursor": None}
    assert_error(client.get(f"/jobs/{a1}"), 403, "forbidden")
    assert_error(client.get(f"/jobs/{a1}", headers={"X-Test-User": "unknown"}), 403)


def test_settings_read_admins() -> None:
    assert Settings.from_env({"DEMOFORGE_ADMINS": "a@x.example, b@y.example"}).admins == (
        "a@x.example", "b@y.example")
    with pytest.raises(ValueError, match="DEMOFORGE_ADMINS"):
        Settings.from_env({"DEMOFORGE_ADMINS": "not-an-email"})
