"""Static checks of ``terraform/`` parsed with python-hcl2 (no provider, no network).

Asserts the deployment matches the code base: one function resource per ``functions/<name>``
with the right entry point and topic, a topic per ``Phase``, no public invoker, every
service account's roles inside the allowlist below, a comment on every role line, and a
reason on every skipped checkov check. The analysis helpers are also run on small
deliberately-bad snippets, so each check is shown to fail when it should.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hcl2
import pytest

from demoforge.domain.job import Phase

ROOT = Path(__file__).resolve().parents[3]
TF = ROOT / "terraform"
PUBLIC = ("allUsers", "allAuthenticatedUsers")

# Roles each identity may hold, anywhere (project, topic, bucket, secret, service).
# Changing this list is a security review decision: say why in the commit.
COMMON = {"roles/datastore.user", "roles/pubsub.publisher"}
ALLOWED_ROLES: dict[str, set[str]] = {
    "fn-api": COMMON | {
        "roles/storage.objectViewer",  # read artifacts for /assets and /report
        "custom:teardown",  # delete demo datasets (DELETE /jobs/{id}), demo_* only
        "custom:artifact_teardown",  # delete the job's artifacts (storage.objects.delete)
        "roles/geminidataanalytics.dataAgentOwner",  # delete data agents (DELETE /jobs/{id})
        "roles/cloudaicompanion.user",  # list/delete conversations: the CA API requires it
    },
    "fn-research": COMMON | {"roles/storage.objectUser", "roles/secretmanager.secretAccessor"},
    "fn-modeling": COMMON | {"roles/storage.objectUser", "roles/secretmanager.secretAccessor"},
    "fn-warehouse": COMMON | {"roles/storage.objectUser", "roles/bigquery.user"},
    "fn-content": COMMON | {
        "roles/storage.objectUser", "roles/secretmanager.secretAccessor",
        "roles/bigquery.jobUser", "roles/bigquery.dataViewer",
    },
    "fn-janitor": {
        "roles/datastore.user",  # fail stalled jobs, mark expired ones; publishes nothing
        "custom:teardown",  # delete expired demos' datasets
        "roles/geminidataanalytics.dataAgentOwner",  # delete expired demos' data agents
        "roles/cloudaicompanion.user",  # ... and their conversations
        "roles/storage.objectUser",  # delete expired demos' artifacts
    },
    "fn-agent": {
        "roles/datastore.user", "roles/storage.objectUser",  # last phase: publishes nothing
        "roles/geminidataanalytics.dataAgentCreator",
        "roles/geminidataanalytics.dataAgentUser",  # chat: dataAgentOwner lacks dataAgents.chat
        "roles/cloudaicompanion.user",  # Conversational Analytics chat
        "roles/bigquery.jobUser", "roles/bigquery.dataViewer",
    },
    "trigger": {"roles/run.invoker"},
    "build": {
        "roles/logging.logWriter", "roles/artifactregistry.writer", "roles/storage.objectViewer",
        "roles/run.builder",  # what the Cloud Run functions docs give a custom build account
    },
    # Google's Pub/Sub service agent: forwards dead letters, mints push tokens.
    "pubsub-agent": {"roles/pubsub.publisher", "roles/iam.serviceAccountTokenCreator"},
    # var.api_invoker_principals: named people/groups calling the api.
    "api-invokers": {"roles/run.invoker"},
}
CUSTOM_ROLE_PERMISSIONS = {
    "bigquery.datasets.get", "bigquery.datasets.delete",
    "bigquery.tables.list", "bigquery.tables.delete",
}
CLAUDE_PHASES = {"research", "modeling", "content"}


# ---------------------------------------------------------------- parsing helpers


def unq(v: Any) -> Any:
    """python-hcl2 >= 7 keeps string literals quoted; expressions come as ``${...}``."""
    if isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1].replace('\\"', '"')
    return v


def clean(v: Any) -> Any:
    """Unquote recursively and drop python-hcl2's bookkeeping keys."""
    if isinstance(v, dict):
        return {unq(k): clean(x) for k, x in v.items() if not str(k).startswith("__")}
    if isinstance(v, list):
        return [clean(x) for x in v]
    return unq(v)


Doc = dict[str, Any]


def parse_texts(texts: list[str]) -> Doc:
    """Merge parsed .tf texts into {resources: {(type, name): body}, locals, variables}."""
    doc: Doc = {"resources": {}, "locals": {}, "variables": {}}
    for text in texts:
        raw = clean(hcl2.loads(text))
        for block in raw.get("resource", []):
            for rtype, named in block.items():
                for name, body in named.items():
                    assert (rtype, name) not in doc["resources"], f"duplicate {rtype}.{name}"
                    doc["resources"][(rtype, name)] = body
        for block in raw.get("locals", []):
            doc["locals"].update(block)
        for block in raw.get("variable", []):
            doc["variables"].update(block)
    return doc


@pytest.fixture(scope="module")
def tf() -> Doc:
    files = sorted(TF.glob("*.tf"))
    assert files, f"no .tf files in {TF}"
    return parse_texts([f.read_text() for f in files])


def of_type(doc: Doc, rtype: str) -> dict[str, dict[str, Any]]:
    return {n: b for (t, n), b in doc["resources"].items() if t == rtype}


def first(block: Any) -> dict[str, Any]:
    """Nested blocks parse as a one-element list."""
    assert isinstance(block, list) and len(block) == 1, block
    return dict(block[0])


def function_instances(doc: Doc) -> dict[str, tuple[str, dict[str, Any]]]:
    """Deployed function name -> (resource name, body), expanding ``for_each``."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    prefix = "${var.name_prefix}-"
    for rname, body in of_type(doc, "google_cloudfunctions2_function").items():
        fe = body.get("for_each")
        if fe is None:
            assert body["name"].startswith(prefix), body["name"]
            keys = [body["name"][len(prefix):]]
        else:
            assert fe == "${local.phases}", f"unexpected for_each {fe!r} on {rname}"
            assert body["name"] == prefix + "${each.key}", body["name"]
            keys = list(doc["locals"]["phases"])
        for k in keys:
            assert k not in out, f"function {k!r} defined twice ({out[k][0]} and {rname})"
            out[k] = (rname, body)
    return out


# ------------------------------------------------------------------ IAM analysis


def _member_identity(member: str, key_fn: str | None) -> str:
    m = re.fullmatch(r"\$\{google_service_account\.(\w+)(\[(.+?)\])?\.member\}", member)
    if m:
        account, index = m.group(1), m.group(3)
        if account != "fn":
            assert index is None
            return account
        if index == '"api"' or (index and index.startswith('"')):
            return "fn-" + index.strip('"')
        assert key_fn is not None, f"cannot tell which function {member!r} refers to"
        return "fn-" + key_fn
    if member == "${local.pubsub_agent}":
        return "pubsub-agent"
    if member == "${each.value}":
        return "api-invokers"
    if any(p in member for p in PUBLIC):
        return "PUBLIC"
    raise AssertionError(f"unrecognised IAM member form {member!r}: teach the test about it")


def _instances(doc: Doc, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield {'key', 'value'} for each for_each instance (or one with neither)."""
    fe = body.get("for_each")
    loc = doc["locals"]
    if fe is None:
        yield {}
    elif fe in ("${local.functions}",):
        for k in function_instances(doc):
            yield {"key": k}
    elif fe == "${local.phases}":
        for k, v in loc["phases"].items():
            yield {"key": k, "value": v}
    elif fe == "${local.project_grants}":
        for fn, roles in loc["project_roles"].items():
            for role in roles:
                yield {"value": {"fn": fn, "role": role}}
    elif fe == "${local.publish_grants}":
        for fn, topics in loc["publishes"].items():
            for t in topics:
                yield {"value": {"fn": fn, "topic": t}}
    elif fe == "${local.artifact_roles}":
        for fn, role in loc["artifact_roles"].items():
            yield {"key": fn, "value": role}
    elif re.fullmatch(r"\$\{\{for p, cfg in local\.phases : p => cfg if cfg\.claude\}\}", fe):
        for k, v in loc["phases"].items():
            if v["claude"] is True:
                yield {"key": k, "value": v}
    elif fe == "${toset(var.api_invoker_principals)}":
        yield {"value": "<named principal>"}
    elif fe == "${toset(local.demo_readers)}":
        for fn in loc["demo_readers"]:
            yield {"key": fn, "value": fn}
    else:
        raise AssertionError(f"unrecognised for_each {fe!r}: teach the test about it")


def _role_name(role: str) -> str:
    if role.startswith("${google_project_iam_custom_role."):
        return "custom:" + role.split(".")[1]
    assert not role.startswith("${"), f"unresolved role expression {role!r}"
    return role


def _grant(body: dict[str, Any], inst: dict[str, Any]) -> tuple[str, str]:
    """(identity, role) of one instance of an ``*_iam_member`` resource (``for_each`` expanded)."""
    role = body["role"]
    if role == "${each.value.role}":
        role = inst["value"]["role"]
    elif role == "${each.value}":
        role = inst["value"]
    key_fn = inst.get("key")
    if isinstance(inst.get("value"), dict) and "fn" in inst["value"]:
        key_fn = inst["value"]["fn"]
    return _member_identity(body["member"], key_fn), _role_name(role)


def iam_grants(doc: Doc) -> list[tuple[str, str, str]]:
    """Every (identity, role, resource address) granted by the configuration."""
    grants: list[tuple[str, str, str]] = []
    for (rtype, rname), body in doc["resources"].items():
        if not re.search(r"_iam_(member|binding|policy)$", rtype):
            continue
        assert rtype.endswith("_iam_member"), (
            f"{rtype}.{rname}: use additive *_iam_member grants only (bindings/policies "
            "overwrite what others granted and hide who has access)"
        )
        for inst in _instances(doc, body):
            ident, role = _grant(body, inst)
            grants.append((ident, role, f"{rtype}.{rname}"))
    return grants


def public_members(doc: Doc) -> list[str]:
    """Addresses of resources whose body mentions a public principal anywhere."""
    return [
        f"{t}.{n}" for (t, n), body in doc["resources"].items()
        if any(p in repr(body) for p in PUBLIC)
    ]


def allowlist_violations(grants: list[tuple[str, str, str]]) -> list[str]:
    return [
        f"{ident} gets {role} via {addr}"
        for ident, role, addr in grants
        if role not in ALLOWED_ROLES.get(ident, set())
    ]


# ------------------------------------------------------------------------ tests


def function_folders() -> set[str]:
    base = ROOT / "functions"
    return {p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}


def test_phases_table_matches_the_phase_enum(tf: Doc) -> None:
    assert list(tf["locals"]["phases"]) == [p.value for p in Phase], "order = pipeline order"
    claude = {k for k, v in tf["locals"]["phases"].items() if v["claude"] is True}
    assert claude == CLAUDE_PHASES


def test_every_function_folder_has_exactly_one_function_resource(tf: Doc) -> None:
    deployed = function_instances(tf)
    assert set(deployed) == function_folders()
    assert set(deployed) == {"api", "janitor"} | {p.value for p in Phase}


def test_entry_points_and_triggers(tf: Doc) -> None:
    for name, (_rname, body) in function_instances(tf).items():
        build = first(body["build_config"])
        source = first(first(build["source"])["storage_source"])
        assert source["object"] == (
            f'${{google_storage_bucket_object.source["{name}"].name}}' if name in ("api", "janitor")
            else "${google_storage_bucket_object.source[each.key].name}"
        )
        if name == "api":
            assert build["entry_point"] == "api"
            assert "event_trigger" not in body, "the api is HTTP-triggered"
            continue
        if name == "janitor":
            assert source["object"] == '${google_storage_bucket_object.source["janitor"].name}'
            assert build["entry_point"] == "handle"
            trig = first(body["event_trigger"])
            assert trig["pubsub_topic"] == "${google_pubsub_topic.janitor.id}"
            assert trig["service_account_email"] == "${google_service_account.trigger.email}"
            assert first(body["service_config"])["ingress_settings"] == "ALLOW_INTERNAL_ONLY"
            continue
        assert build["entry_point"] == "handle"
        trig = first(body["event_trigger"])
        assert trig["event_type"] == "google.cloud.pubsub.topic.v1.messagePublished"
        # for_each over local.phases: instance <phase> listens on topic instance <phase>.
        assert trig["pubsub_topic"] == "${google_pubsub_topic.phase[each.key].id}"
        assert trig["retry_policy"] == "RETRY_POLICY_RETRY"
        assert trig["service_account_email"] == "${google_service_account.trigger.email}"
        svc = first(body["service_config"])
        assert svc["timeout_seconds"] == "${each.value.timeout}"
        assert svc["max_instance_count"] == "${var.max_instances}"
        assert svc["ingress_settings"] == "ALLOW_INTERNAL_ONLY"
    for cfg in tf["locals"]["phases"].values():
        assert 60 <= cfg["timeout"] <= 540, "event-driven gen2 functions time out at 540 s"


def test_every_phase_topic_exists(tf: Doc) -> None:
    topics = of_type(tf, "google_pubsub_topic")
    phase_topic = topics["phase"]
    assert phase_topic["for_each"] == "${local.phases}"
    names = {phase_topic["name"].replace("${each.key}", k) for k in tf["locals"]["phases"]}
    assert names == {p.topic for p in Phase}


def test_each_phase_publishes_only_to_its_successor(tf: Doc) -> None:
    publishes = tf["locals"]["publishes"]
    for p in Phase:
        assert publishes[p.value] == ([p.next.value] if p.next else []), p
    assert set(publishes["api"]) == {p.value for p in Phase}  # create, retry and answer


def test_the_key_is_read_at_run_time_and_only_by_claude_phases(tf: Doc) -> None:
    # No secret mount anywhere: a mounted `latest` without a version keeps instances from
    # starting (the first deploy failed), and a mounted value changes only on cold start.
    assert "secret_environment_variables" not in repr(tf["resources"])
    assert "secret_volumes" not in repr(tf["resources"])
    phase_fn = of_type(tf, "google_cloudfunctions2_function")["phase"]
    env = first(phase_fn["service_config"])["environment_variables"]
    assert ("each.value.claude && var.claude_enabled ? {DEMOFORGE_ANTHROPIC_SECRET = "
            "google_secret_manager_secret.anthropic.id} : {}") in env
    api = of_type(tf, "google_cloudfunctions2_function")["api"]
    assert "ANTHROPIC" not in repr(api)
    accessors = {i for i, r, _ in iam_grants(tf) if r == "roles/secretmanager.secretAccessor"}
    assert accessors == {f"fn-{p}" for p in CLAUDE_PHASES}
    phase_deps = " ".join(phase_fn["depends_on"])
    assert "google_secret_manager_secret_version" not in phase_deps, "a deploy must not wait for a key"


def test_no_public_invoker(tf: Doc) -> None:
    assert public_members(tf) == []
    assert "PUBLIC" not in {ident for ident, _, _ in iam_grants(tf)}
    invokers = of_type(tf, "google_cloud_run_v2_service_iam_member")["api_invoker"]
    assert invokers["for_each"] == "${toset(var.api_invoker_principals)}"
    checks = repr(tf["variables"]["api_invoker_principals"]["validation"])
    assert all(p in checks for p in PUBLIC), "the variable must refuse public principals"


def test_service_account_roles_within_allowlist(tf: Doc) -> None:
    grants = iam_grants(tf)
    assert allowlist_violations(grants) == []
    idents = {i for i, _, _ in grants}
    assert {f"fn-{n}" for n in function_instances(tf)} <= idents
    # Each function's runtime identity is its own fn-<name> account.
    for name, (_r, body) in function_instances(tf).items():
        email = first(body["service_config"])["service_account_email"]
        key = f'"{name}"' if name in ("api", "janitor") else "each.key"
        assert email == f"${{google_service_account.fn[{key}].email}}"
    sa = of_type(tf, "google_service_account")["fn"]
    assert sa["account_id"] == "fn-${each.key}"
    role = of_type(tf, "google_project_iam_custom_role")["teardown"]
    assert set(role["permissions"]) <= CUSTOM_ROLE_PERMISSIONS


def test_firestore_grants_are_scoped_to_the_jobs_database(tf: Doc) -> None:
    fs = of_type(tf, "google_project_iam_member")["firestore"]
    assert fs["role"] == "roles/datastore.user"
    cond = first(fs["condition"])["expression"]
    assert "databases/${local.firestore_database}" in cond


def test_every_role_line_says_why() -> None:
    bare = []
    for f in sorted(TF.glob("*.tf")):
        for no, line in enumerate(f.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r'"roles/|_custom_role\.\w+\.id', code) and "#" not in line:
                bare.append(f"{f.name}:{no}: {line.strip()}")
    assert bare == []


def test_ttl_policies_on_jobs_and_events(tf: Doc) -> None:
    fields = of_type(tf, "google_firestore_field").values()
    ttl = {(f["collection"], f["field"]) for f in fields if "ttl_config" in f}
    assert ttl == {
        ("jobs", "purge_at"), ("events", "expire_at"), ("research_cache", "expire_at"),
    }


def test_janitor_is_ticked_by_the_scheduler_and_its_queries_are_indexed(tf: Doc) -> None:
    topic = of_type(tf, "google_pubsub_topic")["janitor"]
    assert topic["name"] == "demoforge-janitor"
    job = of_type(tf, "google_cloud_scheduler_job")["janitor"]
    assert first(job["pubsub_target"])["topic_name"] == "${google_pubsub_topic.janitor.id}"
    assert "cloudscheduler.googleapis.com" in tf["locals"]["services"]
    indexes = {n: [(f["field_path"], f["order"]) for f in b["fields"]]
               for n, b in of_type(tf, "google_firestore_index").items()}
    # The same fields, in the same order, as FirestoreJobStore's two janitor queries.
    assert indexes == {
        "stalled": [("status", "ASCENDING"), ("updated_at", "ASCENDING")],
        "expired": [("purge_at", "ASCENDING"), ("expire_at", "ASCENDING")],
        "by_owner": [("created_by", "ASCENDING"), ("created_at", "DESCENDING")],
    }
    src = (ROOT / "shared" / "demoforge" / "adapters" / "firestore_store.py").read_text()
    assert 'FieldFilter("status", "in"' in src and '.order_by("updated_at")' in src
    assert 'FieldFilter("purge_at", "==", None)' in src and '.order_by("expire_at")' in src
    invokers = of_type(tf, "google_cloud_run_v2_service_iam_member")
    assert invokers["trigger_invokes_janitor"]["member"] == "${google_service_account.trigger.member}"


def test_function_env_names_are_read_by_settings(tf: Doc) -> None:
    settings_src = (ROOT / "shared" / "demoforge" / "settings.py").read_text()
    env = tf["locals"]["common_env"]
    for key in env:
        if key.startswith("DEMOFORGE_") or key == "GOOGLE_CLOUD_PROJECT":
            assert f'"{key}"' in settings_src, f"{key} is set but Settings never reads it"
    assert env["DEMOFORGE_MODE"] == "cloud"
    assert '"DEMOFORGE_LEASE_SECONDS"' in settings_src


def test_checkov_skips_carry_reasons() -> None:
    cfg = (TF / ".checkov.yaml").read_text().splitlines()
    skips = [ln for ln in cfg if re.match(r"\s*-\s*CKV", ln)]
    assert skips, "expected the skip list in terraform/.checkov.yaml"
    for ln in skips:
        assert "#" in ln and len(ln.split("#", 1)[1].strip()) >= 40, f"no reason: {ln}"
    for f in sorted(TF.glob("*.tf")):
        for m in re.finditer(r"#\s*checkov:skip=(CKV\w+)(:(.*))?", f.read_text()):
            assert m.group(3) and len(m.group(3).strip()) >= 40, f"{f.name}: {m.group(1)}"


# ---------------------------------------------- the checks above can fail (bad input)

BAD = """
resource "google_service_account" "fn" {
  for_each   = local.functions
  account_id = "fn-${each.key}"
}
resource "google_project_iam_member" "oops" {
  project = "p"
  role    = "roles/editor"
  member  = google_service_account.fn["research"].member
}
resource "google_cloud_run_v2_service_iam_member" "open" {
  name   = "demoforge-api"
  role   = "roles/run.invoker"
  member = "allUsers"
}
"""


def test_detectors_flag_a_broad_role_and_a_public_invoker() -> None:
    doc = parse_texts([BAD])
    doc["locals"]["phases"] = {}
    grants = iam_grants(doc)
    assert ("fn-research", "roles/editor", "google_project_iam_member.oops") in grants
    assert allowlist_violations(grants) == [
        "fn-research gets roles/editor via google_project_iam_member.oops",
        "PUBLIC gets roles/run.invoker via google_cloud_run_v2_service_iam_member.open",
    ]
    assert public_members(doc) == ["google_cloud_run_v2_service_iam_member.open"]


def test_detector_refuses_iam_bindings() -> None:
    doc = parse_texts([
        'resource "google_project_iam_binding" "b" {\n  project = "p"\n'
        '  role = "roles/viewer"\n  members = ["user:a@example.com"]\n}\n'
    ])
    with pytest.raises(AssertionError, match="additive"):
        iam_grants(doc)


# Roles that reach data or agents outside Demoforge's own unless an IAM condition scopes
# them: (identity, role) -> what the condition's resource.name must start with.
SCOPED = {
    ("fn-content", "roles/bigquery.dataViewer"): "projects/${var.project}/datasets/demo_",
    ("fn-agent", "roles/bigquery.dataViewer"): "projects/${var.project}/datasets/demo_",
    ("fn-api", "custom:teardown"): "projects/${var.project}/datasets/demo_",
    ("fn-api", "roles/geminidataanalytics.dataAgentOwner"):
        "projects/${var.project}/locations/${var.agent_location}/dataAgents/demoforge-",
}


def _condition(doc: Doc, body: dict[str, Any]) -> str | None:
    cond = body.get("condition")
    if not cond:
        return None
    expr = first(cond)["expression"]
    for name, value in doc["locals"].items():
        expr = expr.replace("${local." + name + "}", str(value))
    return str(expr)


def test_dataset_readers_teardown_and_agent_deletion_are_conditioned(tf: Doc) -> None:
    """No project-wide dataViewer, teardown role or dataAgentOwner: each is conditioned on
    Demoforge's own resource-name prefix."""
    seen = set()
    for (rtype, rname), body in tf["resources"].items():
        if not rtype.endswith("_iam_member"):
            continue
        for inst in _instances(tf, body):
            ident, role = _grant(body, inst)
            prefix = SCOPED.get((ident, role))
            if prefix is None:
                continue
            seen.add((ident, _role_name(role)))
            expr = _condition(tf, body)
            assert expr is not None, f"{rtype}.{rname}: {ident} gets {role} without a condition"
            assert f'resource.name.startsWith(\"{prefix}\")' in expr.replace('"', '\\"') or \
                f'resource.name.startsWith("{prefix}")' in expr, (rname, expr)
    assert seen == set(SCOPED)


def test_whole_domain_invokers_raise_a_warning(tf: Doc) -> None:
    text = (TF / "variables.tf").read_text()
    block = re.search(r'check "api_invokers_name_people_not_domains" \{(.*?)\n\}', text, re.S)
    assert block and 'startswith(m, "domain:")' in block.group(1)
