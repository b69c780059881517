"""BigQuery API errors map to the job error taxonomy (the client's own exception types)."""

from __future__ import annotations

import concurrent.futures

import pytest
from google.api_core import exceptions as gexc

from demoforge.adapters.bigquery_warehouse import map_error, schema_for
from demoforge.domain.errors import PermanentError, TransientError
from tests.support.demo_dataset import make_spec


@pytest.mark.parametrize(
    "exc",
    [
        gexc.TooManyRequests("slow down"),
        gexc.InternalServerError("boom"),
        gexc.ServiceUnavailable("later"),
        gexc.GatewayTimeout("timeout"),
        gexc.DeadlineExceeded("deadline"),
        gexc.Forbidden("rate", errors=[{"reason": "rateLimitExceeded"}]),
        concurrent.futures.TimeoutError(),
    ],
)
def test_transient(exc: BaseException) -> None:
    assert isinstance(map_error(exc, "load"), TransientError)


def test_permission_denied_names_the_roles() -> None:
    err = map_error(gexc.Forbidden("Access Denied: Project p"), "create dataset")
    assert isinstance(err, PermanentError) and not isinstance(err, TransientError)
    assert "roles/bigquery.dataEditor" in err.message and "roles/bigquery.jobUser" in err.message
    assert err.code == "bigquery_permission_denied"


def test_bad_request_is_permanent_with_the_message() -> None:
    err = map_error(gexc.BadRequest("Syntax error: Unexpected keyword"), "query")
    assert isinstance(err, PermanentError) and "Syntax error" in err.message


def test_quota_exceeded_is_permanent() -> None:
    err = map_error(gexc.Forbidden("quota", errors=[{"reason": "quotaExceeded"}]), "query")
    assert isinstance(err, PermanentError) and err.code == "bigquery_quota"


def test_schema_carries_descriptions_and_modes() -> None:
    fields = {f.name: f for f in schema_for(make_spec().table("orders"))}
    assert fields["status"].description == "completed, returned or cancelled."
    assert fields["order_date"].field_type == "DATE" and fields["order_id"].mode == "NULLABLE"
