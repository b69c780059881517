# The Google APIs the pipeline uses. Never disabled on destroy: other workloads in the
# project may depend on them.

locals {
  services = toset([
    "artifactregistry.googleapis.com", # function images
    "bigquery.googleapis.com",         # demo datasets, load and query jobs
    "cloudaicompanion.googleapis.com", # Gemini for Google Cloud: required by Conversational Analytics
    "cloudbuild.googleapis.com",       # builds function source into images
    "cloudfunctions.googleapis.com",   # the functions themselves (gen2)
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",      # ticks the janitor
    "eventarc.googleapis.com",            # Pub/Sub triggers of the phase functions
    "firestore.googleapis.com",           # job documents
    "geminidataanalytics.googleapis.com", # data agents (Conversational Analytics API)
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com", # dead-letter alert
    "pubsub.googleapis.com",     # phase topics
    "run.googleapis.com",        # gen2 functions run on Cloud Run
    "secretmanager.googleapis.com",
    "storage.googleapis.com", # artifacts and function source
  ])
}

resource "google_project_service" "enabled" {
  for_each = local.services

  project            = var.project
  service            = each.value
  disable_on_destroy = false
}

# Enabling an API creates its service agent (Eventarc's, Pub/Sub's) and grants it a role,
# and that grant reaches the rest of Google Cloud a little later: an Eventarc trigger made
# in that window fails with a permission error (provider issue #25294). Wait once after the
# APIs are enabled (again only when the list changes). If the first apply still fails at a
# trigger, wait a minute and run it again: everything before that point is already in place.
resource "terraform_data" "api_propagation" {
  count = var.api_propagation_wait_seconds > 0 ? 1 : 0

  triggers_replace = sort(tolist(local.services))

  provisioner "local-exec" {
    command = "sleep ${var.api_propagation_wait_seconds}"
  }

  depends_on = [google_project_service.enabled]
}
