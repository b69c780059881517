"""Every Terraform resource, data source, argument, block, enum value and reference in
``terraform/`` checked against the google provider schema of the pinned version (6.49.0),
taken from the ``@cdktf/provider-google`` bindings npm ships (see ``provider_schema``).
Offline after the first fetch; skips, saying why, where npm cannot get the package. The
checker runs on deliberately bad snippets too, so each kind of mistake is shown caught."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hcl2
import pytest

from tests.unit.deploy import provider_schema as ps

TF = Path(__file__).resolve().parents[3] / "terraform"


@pytest.fixture(scope="module")
def tarball() -> Path:
    try:
        return ps.ensure_tarball()
    except ps.Unavailable as e:
        pytest.skip(str(e))


def parsed(texts: list[str]) -> list[dict[str, Any]]:
    return [hcl2.loads(t) for t in texts]


def test_the_package_is_the_provider_version_terraform_pins(tarball: Path) -> None:
    pinned = re.search(r'version\s*=\s*"([\d.]+)"', (TF / "versions.tf").read_text())
    assert pinned and pinned.group(1) == ps.PROVIDER_VERSION
    assert tarball.exists()


def test_terraform_matches_the_provider_schema(tarball: Path) -> None:
    files = sorted(TF.glob("*.tf"))
    assert ps.check(parsed([f.read_text() for f in files])) == []


def test_the_schema_reader_sees_what_the_deploy_uses(tarball: Path) -> None:
    schemas = ps.load_schemas([("google_cloudfunctions2_function", False), ("google_project", True)])
    fn = schemas[("google_cloudfunctions2_function", False)]
    assert {"name", "location"} <= fn.required and "build_config" in fn.blocks
    svc = fn.blocks["service_config"]
    assert "ALLOW_INTERNAL_ONLY" in svc.enums["ingress_settings"]
    assert "secret_environment_variables" in svc.blocks and "uri" in svc.computed
    assert "url" in fn.computed and "trigger" in fn.blocks["event_trigger"].computed
    assert "number" in schemas[("google_project", True)].computed


BAD = '''
resource "google_cloudfunctions2_function" "f" {
  name     = "f"
  location = "europe-west1"
  build_config {
    runtime     = "python311"
    entry_pint  = "handle"
  }
  service_config {
    ingress_settings = "ALLOW_EVERYONE"
    environment_variables {
      A = "b"
    }
  }
  event_trigger = {}
}
resource "google_pubsub_topic" "t" {
  labels = { a = google_cloudfunctions2_function.f.service_config[0].url }
}
resource "google_project_service_identity" "eventarc" {
  service = "eventarc.googleapis.com"
}
resource "google_storage_bucket" "b" {
  name     = "b"
  location = "EU"
  depends_on = [google_pubsub_topic.missing]
}
'''


def test_the_checker_catches_each_kind_of_mistake(tarball: Path) -> None:
    assert ps.check(parsed([BAD])) == [
        "expression: google_cloudfunctions2_function.f.service_config[0].url: "
        "google_cloudfunctions2_function has no attribute url",
        "expression: google_pubsub_topic.missing refers to an undeclared resource",
        "google_cloudfunctions2_function.f.build_config: unknown argument entry_pint",
        "google_cloudfunctions2_function.f.service_config: block environment_variables is an "
        "argument (write it as name = ...)",
        "google_cloudfunctions2_function.f.service_config: ingress_settings = 'ALLOW_EVERYONE' is "
        "not one of ['ALLOW_ALL', 'ALLOW_INTERNAL_ONLY', 'ALLOW_INTERNAL_AND_GCLB']",
        "google_cloudfunctions2_function.f: event_trigger is a block, not an argument",
        "google_project_service_identity.eventarc: google 6.49.0 has no resource "
        "google_project_service_identity",
        "google_pubsub_topic.t: required argument name is missing",
    ]
