# A dead letter means a phase message was never processed to completion: alert at once.
resource "google_monitoring_alert_policy" "dead_letters" {
  display_name = "Demoforge: phase message dead-lettered"
  combiner     = "OR"

  conditions {
    display_name = "Undelivered messages in ${google_pubsub_subscription.dead_letter_hold.name}"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.dead_letter_hold.name}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "60s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A Demoforge phase message exhausted its Pub/Sub delivery attempts without the runner failing the job (crash before claim, bad deploy, Firestore outage). Pull it from `${google_pubsub_subscription.dead_letter_hold.name}`: its data is {job_id, phase}. Fix the cause, then `POST /jobs/{id}:retry` (see terraform/README.md, Dead letters)."
  }

  notification_channels = var.alert_notification_channels

  depends_on = [google_project_service.enabled]
}
