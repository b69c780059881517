# The janitor: Cloud Scheduler publishes a tick to topic demoforge-janitor every
# var.janitor_schedule; the janitor function (functions/janitor, service account
# fn-janitor: one name end to end) fails stalled jobs and tears down demos past their TTL
# (demoforge.service.janitor). Its grants are in iam.tf with every other identity's.

resource "google_pubsub_topic" "janitor" {
  # Fixed name like the phase topics: `demoforge janitor` and the docs name it.
  name                       = "demoforge-janitor"
  message_retention_duration = "3600s" # a missed tick is superseded by the next one

  depends_on = [google_project_service.enabled]
}

# Cloud Scheduler publishes with its own service agent, which holds
# roles/cloudscheduler.serviceAgent (topic publish included) once the API is enabled:
# no grant of ours is needed, and none is made.
resource "google_cloud_scheduler_job" "janitor" {
  name        = "${var.name_prefix}-janitor"
  region      = var.region
  description = "Tick the Demoforge janitor: fail stalled jobs, tear down expired demos"
  schedule    = var.janitor_schedule
  time_zone   = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.janitor.id
    data       = base64encode("{\"tick\": \"janitor\"}") # the content is not read: a tick means "sweep now"
  }

  depends_on = [terraform_data.api_propagation]
}

resource "google_cloudfunctions2_function" "janitor" {
  name        = "${var.name_prefix}-janitor"
  location    = var.region
  description = "Demoforge janitor (topic ${google_pubsub_topic.janitor.name}, ticked by Cloud Scheduler)"

  build_config {
    runtime           = var.python_runtime
    entry_point       = "handle"
    service_account   = google_service_account.build.id
    docker_repository = google_artifact_registry_repository.functions.id

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source["janitor"].name
      }
    }
  }

  service_config {
    available_memory   = "512Mi"
    available_cpu      = "1"
    timeout_seconds    = 540 # a bounded batch of teardowns (DEMOFORGE_JANITOR_BATCH per kind)
    min_instance_count = 0
    max_instance_count = 1 # one sweep at a time; sweeps are idempotent all the same
    # One tick per instance: sweeps are sequential API calls, nothing to share.
    max_instance_request_concurrency = 1
    ingress_settings                 = "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision   = true
    service_account_email            = google_service_account.fn["janitor"].email
    environment_variables = merge(local.common_env, {
      DEMOFORGE_JANITOR_BATCH       = tostring(var.janitor_batch)
      DEMOFORGE_EXPIRED_RECORD_DAYS = tostring(var.expired_record_days)
    })
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = google_pubsub_topic.janitor.id
    service_account_email = google_service_account.trigger.email
    # A failed sweep is not redelivered: the next tick sweeps again (no pile-up of ticks).
    retry_policy = "RETRY_POLICY_DO_NOT_RETRY"
  }

  depends_on = [
    terraform_data.api_propagation,
    google_project_iam_member.build_run_builder,
    google_project_iam_member.build_logs,
    google_artifact_registry_repository_iam_member.build_push,
    google_project_iam_member.build_reads_source,
    google_project_iam_member.firestore,
    google_project_iam_member.fn,
    google_project_iam_member.janitor_teardown,
    google_storage_bucket_iam_member.artifacts,
    google_service_account_iam_member.pubsub_mints_trigger_tokens,
    google_firestore_database.jobs,
    google_firestore_index.stalled,
    google_firestore_index.expired,
  ]
}

resource "google_cloud_run_v2_service_iam_member" "trigger_invokes_janitor" {
  project  = var.project
  location = var.region
  name     = google_cloudfunctions2_function.janitor.service_config[0].service
  role     = "roles/run.invoker" # Eventarc pushes the scheduler's tick to the janitor
  member   = google_service_account.trigger.member
}
