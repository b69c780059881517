# One table describes every function; resources below are generated from it, and
# tests/unit/deploy/test_hcl.py checks it against the functions/ folders.

locals {
  # The five phase functions (Pub/Sub CloudEvent, entry point `handle`), in pipeline order.
  # `claude` = the phase calls Claude and may read the Anthropic key's secret.
  phases = {
    research = {
      memory  = "1Gi"
      cpu     = "1"
      timeout = 300
      claude  = true
    }
    modeling = {
      memory  = "1Gi"
      cpu     = "1"
      timeout = 540 # a whole spec from Claude plus one repair round takes minutes
      claude  = true
    }
    warehouse = {
      memory  = "2Gi"
      cpu     = "1"
      timeout = 540
      claude  = false
    }
    content = {
      memory  = "1Gi"
      cpu     = "1"
      timeout = 540
      claude  = true
    }
    agent = {
      memory  = "512Mi"
      cpu     = "1"
      timeout = 300
      claude  = false
    }
  }

  # Every deployed function: the HTTP api, the janitor and the phases. Service accounts are fn-<name>.
  functions = toset(concat(["api", "janitor"], keys(local.phases)))

  firestore_database = "${var.name_prefix}-jobs"

  # What every function reads through demoforge.settings.Settings.from_env().
  common_env = {
    DEMOFORGE_MODE               = "cloud"
    GOOGLE_CLOUD_PROJECT         = var.project
    DEMOFORGE_REGION             = var.region
    DEMOFORGE_BQ_LOCATION        = var.bq_location
    DEMOFORGE_AGENT_LOCATION     = var.agent_location
    DEMOFORGE_FIRESTORE_DATABASE = local.firestore_database
    DEMOFORGE_ARTIFACTS_BUCKET   = google_storage_bucket.artifacts.name
    DEMOFORGE_ANTHROPIC_MODEL    = var.anthropic_model
    DEMOFORGE_DATASET_TTL_DAYS   = tostring(var.dataset_ttl_days)
    DEMOFORGE_JOB_TTL_DAYS       = tostring(var.job_ttl_days)
    DEMOFORGE_MAX_ATTEMPTS       = tostring(var.max_attempts)
    # The stall rule (lease + grace) must be the same everywhere: the api and the janitor
    # apply it, the phases take and renew leases of this length.
    DEMOFORGE_LEASE_SECONDS = tostring(var.lease_seconds)
    # Put the execution id on every log line so one delivery's logs can be filtered.
    LOG_EXECUTION_ID = "true"
  }

  # ID-token audiences the api accepts for created_by (DEMOFORGE_API_AUDIENCES): its
  # cloudfunctions.net URL (the api_url output), its deterministic run.app URL, and
  # var.api_token_audiences. Built from names, not from the function (which would be a cycle).
  api_audiences = concat([
    "https://${var.region}-${var.project}.cloudfunctions.net/${var.name_prefix}-api",
    "https://${var.name_prefix}-api-${data.google_project.this.number}.${var.region}.run.app",
  ], var.api_token_audiences)

  # Written by `demoforge package`: function name -> zip named by its content hash.
  manifest = jsondecode(file("${path.module}/${var.package_dir}/manifest.json"))
}

data "google_project" "this" {
  project_id = var.project

  # Needs the Cloud Resource Manager API, enabled in the same apply on a fresh project.
  depends_on = [google_project_service.enabled]
}
