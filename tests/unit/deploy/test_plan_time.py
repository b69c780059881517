"""``for_each`` and ``count`` must be known at plan time: Terraform refuses to plan
("Invalid for_each argument ... cannot be determined until apply") when they depend on a
value only the apply produces. That is what broke ``terraform plan`` on a fresh project:
``google_project_iam_custom_role.teardown.id`` sat among the keys of
``local.project_grants``. The rule here is stricter than Terraform's (values count too),
which keeps every for_each trivially plannable: the expression, followed through locals,
may use variables, literals and other locals only, never a resource or a data source (a
data source that depends on a resource being created is read at apply time too)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import hcl2

TF = Path(__file__).resolve().parents[3] / "terraform"
_NAME = re.compile(r"(?<![\w.\-/])([a-z][a-z0-9_]*)\.([a-zA-Z_][\w-]*)(?:\.([a-zA-Z_][\w-]*))?")
NOT_RESOURCES = {"var", "each", "count", "path", "terraform", "self", "local", "data"}


def unq(v: Any) -> Any:
    return v[1:-1] if isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"' else v


def load(texts: list[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(locals, "type.name" -> body) of parsed .tf texts."""
    local_values: dict[str, Any] = {}
    resources: dict[str, dict[str, Any]] = {}
    for text in texts:
        doc = hcl2.loads(text)
        for block in doc.get("locals", []):
            local_values.update({k: v for k, v in block.items() if not k.startswith("__")})
        for block in doc.get("resource", []):
            for rtype, named in block.items():
                for name, body in named.items():
                    if not name.startswith("__"):
                        resources[f"{unq(rtype)}.{unq(name)}"] = body
    return local_values, resources


def apply_time_inputs(expr: Any, local_values: dict[str, Any], types: set[str],
                      seen: frozenset[str] = frozenset()) -> set[str]:
    """Resources and data sources ``expr`` depends on, through locals."""
    found: set[str] = set()
    for m in _NAME.finditer(json.dumps(expr)):
        head, name, third = m.group(1), m.group(2), m.group(3)
        if head == "local" and name in local_values and name not in seen:
            found |= apply_time_inputs(local_values[name], local_values, types, seen | {name})
        elif head == "data" and third:
            found.add(f"data.{name}.{third}")
        elif head in types and head not in NOT_RESOURCES:
            found.add(f"{head}.{name}")
    return found


def unplannable(texts: list[str]) -> dict[str, set[str]]:
    local_values, resources = load(texts)
    types = {address.split(".")[0] for address in resources}
    out: dict[str, set[str]] = {}
    for address, body in resources.items():
        for meta in ("for_each", "count"):
            if meta in body:
                deps = apply_time_inputs(body[meta], local_values, types)
                if deps:
                    out[f"{address}.{meta}"] = deps
    return out


def test_every_for_each_and_count_is_known_at_plan_time() -> None:
    assert unplannable([f.read_text() for f in sorted(TF.glob("*.tf"))]) == {}


OLD_IAM = '''
resource "google_project_iam_custom_role" "teardown" {
  role_id = "t"
}
locals {
  project_roles = {
    api   = [google_project_iam_custom_role.teardown.id, "roles/geminidataanalytics.dataAgentOwner"]
    agent = ["roles/bigquery.jobUser"]
  }
  project_grants = {
    for pair in flatten([
      for fn, roles in local.project_roles : [for role in roles : { fn = fn, role = role }]
    ]) : "${pair.fn}/${pair.role}" => pair
  }
}
resource "google_project_iam_member" "fn" {
  for_each = local.project_grants
  role     = each.value.role
}
data "google_project" "this" {
  project_id = "p"
}
resource "google_pubsub_topic" "t" {
  count = data.google_project.this.number > 0 ? 1 : 0
}
resource "google_pubsub_topic" "ok" {
  for_each = { for k, v in local.project_roles : k => v if length(v) > 1 }
}
'''


def test_the_check_catches_the_custom_role_among_for_each_keys() -> None:
    assert unplannable([OLD_IAM]) == {
        "google_project_iam_member.fn.for_each": {"google_project_iam_custom_role.teardown"},
        "google_pubsub_topic.t.count": {"data.google_project.this"},
        "google_pubsub_topic.ok.for_each": {"google_project_iam_custom_role.teardown"},
    }
