"""schemathesis against the local api as deployed (functions-framework loading
``functions/api/main.py``), driven by the api's own ``/openapi.json``: every operation,
schema-valid and schema-invalid inputs, all of schemathesis' default checks (no 5xx,
documented statuses and content types, responses matching their schemas, invalid input
rejected, valid input accepted, 405 for undocumented methods). Bounded examples so the
run stays well under a minute.

``customer_url`` is ``format: http-url``: the URL policy (``demoforge.domain.urls``)
refuses more than a JSON Schema can say, so valid examples come from a strategy of
public http(s) URLs; everything else is generated from the request models' schemas."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from functions_framework import create_app
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from demoforge.entrypoints import openapi

REPO = Path(__file__).resolve().parents[4]

_LABEL = st.from_regex(r"[a-z](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
_PATH = st.from_regex(r"(/[A-Za-z0-9._~-]{0,12}){0,3}", fullmatch=True)
schemathesis.openapi.format("http-url", st.builds(
    lambda scheme, labels, path: f"{scheme}://{'.'.join(labels)}.example.com{path}",
    st.sampled_from(["http", "https"]), st.lists(_LABEL, min_size=1, max_size=2), _PATH))


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The api as deployed (functions-framework, configured through the environment) on a
    loopback HTTP server."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DEMOFORGE_HOME", str(tmp_path_factory.mktemp("api-home")))
    for name in ("DEMOFORGE_MODE", "DEMOFORGE_JOB_STORE", "DEMOFORGE_BUS", "DEMOFORGE_ARTIFACTS"):
        mp.delenv(name, raising=False)
    app = create_app("api", str(REPO / "functions" / "api" / "main.py"), "http")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        mp.undo()


# One worker runs every case: the coverage count below reads what this module ran.
pytestmark = pytest.mark.xdist_group("openapi")

schema = schemathesis.openapi.from_dict(openapi.document())
CALLS: list[str] = []  # every generated case, for the count below


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case: Any, api_url: str) -> None:
    CALLS.append(case.operation.label)
    case.call_and_validate(base_url=api_url)


def test_the_run_covered_every_operation() -> None:
    # Every operation with an input to vary (GET /openapi.json has none) gets cases.
    operations = {r.ok().label for r in schema.get_all_operations() if hasattr(r, "ok")}
    assert len(operations) >= 13, sorted(operations)  # every route of the api is described
    if len(CALLS) < 300:
        pytest.skip(f"only {len(CALLS)} schemathesis cases ran in this worker (the rest elsewhere)")
    assert set(CALLS) >= {o for o in operations if o != "GET /openapi.json"}


def test_the_served_description_is_the_one_tested(api_url: str) -> None:
    assert httpx.get(f"{api_url}/openapi.json", timeout=10).json() == openapi.document()


def test_the_description_is_served_and_names_every_route() -> None:
    doc = openapi.document()
    assert doc["openapi"] == "3.1.0"
    assert set(doc["paths"]) >= {"/jobs", "/jobs/{job_id}", "/jobs/{job_id}:cancel",
                                 "/jobs/{job_id}/events", "/jobs/{job_id}/report"}
    body = doc["components"]["schemas"]["CreateJobRequest"]
    assert body["additionalProperties"] is False and body["required"] == ["customer_url"]
