# The Anthropic API key. The secret is managed here; its value is either written
# write-only from an ephemeral variable (never in state or plan files) or added with
# `gcloud secrets versions add` (README), before or after the deploy: research, modeling
# and content (the only readers) read version `latest` at run time, so a deploy never waits
# for a version and a new one is picked up by running instances.

resource "google_secret_manager_secret" "anthropic" {
  secret_id = "${var.name_prefix}-anthropic-api-key"

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_version" "anthropic" {
  count = var.anthropic_api_key_version > 0 ? 1 : 0

  secret                 = google_secret_manager_secret.anthropic.id
  secret_data_wo         = var.anthropic_api_key
  secret_data_wo_version = var.anthropic_api_key_version

  # Dropping this resource from the configuration (version back to 0, e.g. a Cloud Build
  # deploy after a laptop one) must never destroy the live key: abandon, don't delete.
  deletion_policy = "ABANDON"
}
