output "api_url" {
  description = "Base URL of the HTTP api (call it with an identity token; a service account's token should name this URL as its audience)."
  value       = google_cloudfunctions2_function.api.url
}

output "anthropic_secret" {
  description = "Secret holding the Anthropic key: add a version to turn Claude on (no redeploy)."
  value       = google_secret_manager_secret.anthropic.secret_id
}

output "topics" {
  description = "Phase -> Pub/Sub topic."
  value       = { for p, t in google_pubsub_topic.phase : p => t.name }
}

output "dead_letter_topic" {
  description = "Where undeliverable phase messages go."
  value       = google_pubsub_topic.dead_letter.name
}

output "dead_letter_subscription" {
  description = "Pull subscription that keeps dead letters for 7 days."
  value       = google_pubsub_subscription.dead_letter_hold.name
}

output "artifacts_bucket" {
  description = "Per-job artifacts (spec.json, golden_queries.json, agent.json, index.html, ...)."
  value       = google_storage_bucket.artifacts.name
}

output "firestore_database" {
  description = "Firestore database holding jobs/{id} and jobs/{id}/events."
  value       = google_firestore_database.jobs.name
}

output "service_accounts" {
  description = "Function -> runtime service account email."
  value       = { for k, sa in google_service_account.fn : k => sa.email }
}
