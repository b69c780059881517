# Dead letters for the Eventarc-created subscriptions. The provider cannot set a
# dead_letter_policy on a subscription Eventarc owns, so after each phase trigger exists
# scripts/set-dead-letter.sh (gcloud) attaches the dead-letter topic to it, and grants the
# Pub/Sub service agent subscriber on that one subscription (needed to forward).
# It re-runs whenever the trigger is recreated (new subscription) or the policy changes.

resource "terraform_data" "dead_letter_policy" {
  for_each = var.configure_dead_letters ? local.phases : {}

  triggers_replace = [
    google_cloudfunctions2_function.phase[each.key].event_trigger[0].trigger,
    google_pubsub_topic.dead_letter.id,
    var.dead_letter_max_delivery_attempts,
  ]

  provisioner "local-exec" {
    command = "${path.module}/scripts/set-dead-letter.sh"
    environment = {
      PROJECT               = var.project
      REGION                = var.region
      TRIGGER               = google_cloudfunctions2_function.phase[each.key].event_trigger[0].trigger
      DEAD_LETTER_TOPIC     = google_pubsub_topic.dead_letter.id
      MAX_DELIVERY_ATTEMPTS = tostring(var.dead_letter_max_delivery_attempts)
      PUBSUB_AGENT          = local.pubsub_agent
    }
  }

  depends_on = [google_pubsub_topic_iam_member.dead_letter_forwarder]
}
