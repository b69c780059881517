# One topic per phase (`demoforge-<phase>`), plus the dead-letter topic that holds phase
# messages Pub/Sub could not deliver successfully (see README "Dead letters").

resource "google_pubsub_topic" "phase" {
  for_each = local.phases

  # Fixed names, not name_prefix: the runtime publishes to demoforge.model.Phase.topic.
  name                       = "demoforge-${each.key}"
  message_retention_duration = "86400s" # a day of replay for incident analysis

  depends_on = [google_project_service.enabled]
}

resource "google_pubsub_topic" "dead_letter" {
  name                       = "${var.name_prefix}-dead-letter"
  message_retention_duration = "604800s"

  depends_on = [google_project_service.enabled]
}

# Dead letters are kept here (7 days, never expiring) until someone looks: the alert in
# monitoring.tf fires as soon as one arrives. Pull, so nothing consumes them by accident.
resource "google_pubsub_subscription" "dead_letter_hold" {
  name                       = "${var.name_prefix}-dead-letter-hold"
  topic                      = google_pubsub_topic.dead_letter.id
  message_retention_duration = "604800s"
  retain_acked_messages      = true
  ack_deadline_seconds       = 60

  expiration_policy {
    ttl = "" # never expire, even when nobody pulls for weeks
  }
}

locals {
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# The Pub/Sub service agent forwards undeliverable messages: it must publish to the
# dead-letter topic (it also needs subscriber on each source subscription, granted by
# scripts/set-dead-letter.sh because Eventarc creates those subscriptions).
resource "google_pubsub_topic_iam_member" "dead_letter_forwarder" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher" # forward undeliverable phase messages here
  member = local.pubsub_agent

  # The service agent appears with the Pub/Sub API (google_project_service_identity, which
  # would create it explicitly, exists only in the google-beta provider).
  depends_on = [terraform_data.api_propagation]
}
