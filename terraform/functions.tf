# The six gen2 Cloud Functions: the HTTP api and one Pub/Sub-triggered function per phase.
# Source: the content-hashed zips uploaded in storage.tf; images go to our own repository.

resource "google_cloudfunctions2_function" "api" {
  #checkov:skip=CKV_GCP_124:The api must be reachable from CEs' laptops; it is private through IAM (run.invoker only for var.api_invoker_principals), not through network ingress. Internal-only would need a VPC or load balancer for no security gain.
  name        = "${var.name_prefix}-api"
  location    = var.region
  description = "Demoforge HTTP api: create jobs, read status, events and assets"

  build_config {
    runtime           = var.python_runtime
    entry_point       = "api"
    service_account   = google_service_account.build.id
    docker_repository = google_artifact_registry_repository.functions.id

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source["api"].name
      }
    }
  }

  service_config {
    available_memory                 = "512Mi"
    available_cpu                    = "1"
    timeout_seconds                  = 60
    min_instance_count               = 0
    max_instance_count               = var.max_instances
    max_instance_request_concurrency = 8 # I/O-bound JSON handlers: share an instance
    # Reachable from the internet so CEs can call it, but only with an identity token of a
    # named principal: the Cloud Run IAM check (iam.tf) rejects everyone else.
    ingress_settings               = "ALLOW_ALL"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.fn["api"].email
    # created_by comes from ID tokens for these audiences (or the header Cloud Run checked).
    environment_variables = merge(local.common_env, {
      DEMOFORGE_API_AUDIENCES = join(",", local.api_audiences)
      DEMOFORGE_BEHIND_IAP    = tostring(var.api_behind_iap)
      DEMOFORGE_ADMINS        = join(",", var.api_admins)
    })
  }

  depends_on = [
    google_project_iam_member.build_run_builder,
    google_project_iam_member.build_logs,
    google_artifact_registry_repository_iam_member.build_push,
    google_project_iam_member.build_reads_source,
    google_project_iam_member.firestore,
    google_project_iam_member.fn,
    google_project_iam_member.api_teardown,
    google_pubsub_topic_iam_member.publish,
    google_storage_bucket_iam_member.artifacts,
    google_firestore_database.jobs,
  ]
}

resource "google_cloudfunctions2_function" "phase" {
  for_each = local.phases

  name        = "${var.name_prefix}-${each.key}"
  location    = var.region
  description = "Demoforge ${each.key} phase (topic ${google_pubsub_topic.phase[each.key].name})"

  build_config {
    runtime           = var.python_runtime
    entry_point       = "handle"
    service_account   = google_service_account.build.id
    docker_repository = google_artifact_registry_repository.functions.id

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source[each.key].name
      }
    }
  }

  service_config {
    available_memory   = each.value.memory
    available_cpu      = each.value.cpu
    timeout_seconds    = each.value.timeout
    min_instance_count = 0
    max_instance_count = var.max_instances
    # One job per instance: phases are CPU/memory heavy (data generation, parsing).
    max_instance_request_concurrency = 1
    # Only Eventarc/Pub/Sub deliveries reach the phases; no direct calls from outside.
    ingress_settings               = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    service_account_email          = google_service_account.fn[each.key].email
    # The runner's lease is short (var.lease_seconds, in common_env) and renewed by a
    # heartbeat while the phase runs, for at most the timeout (DEMOFORGE_PHASE_DEADLINE_S):
    # a killed delivery is taken over about one lease later, not a whole timeout later.
    # The Anthropic key is *not* mounted (a mounted `latest` with no version stops instances
    # from starting, and a mounted value only changes on a cold start): the phases that call
    # Claude read the secret named here when they first need it, cached for a few minutes.
    environment_variables = merge(
      local.common_env,
      { DEMOFORGE_PHASE_DEADLINE_S = tostring(each.value.timeout) },
      each.value.claude && var.claude_enabled ? { DEMOFORGE_ANTHROPIC_SECRET = google_secret_manager_secret.anthropic.id } : {},
    )
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = google_pubsub_topic.phase[each.key].id
    service_account_email = google_service_account.trigger.email
    # Redeliver on failure: transient errors heal on a later attempt; the runner's attempt
    # budget fails the job and acks, and the dead-letter topic catches the rest.
    retry_policy = "RETRY_POLICY_RETRY"
  }

  # Grants first, so the first delivery after deploy already has every permission it needs;
  # and the API propagation wait, so Eventarc's service agent can create the trigger.
  depends_on = [
    terraform_data.api_propagation,
    google_project_iam_member.build_run_builder,
    google_project_iam_member.build_logs,
    google_artifact_registry_repository_iam_member.build_push,
    google_project_iam_member.build_reads_source,
    google_project_iam_member.firestore,
    google_project_iam_member.fn,
    google_pubsub_topic_iam_member.publish,
    google_service_account_iam_member.pubsub_mints_trigger_tokens,
    google_storage_bucket_iam_member.artifacts,
    google_firestore_database.jobs,
    google_secret_manager_secret_iam_member.anthropic,
  ]
}
