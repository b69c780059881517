# Job state: a named Firestore database (native mode), so deploying never collides with a
# (default) database the project may already use. TTL policies let Firestore delete old
# jobs and their events by themselves (both documents carry `expire_at`).

resource "google_firestore_database" "jobs" {
  project                           = var.project
  name                              = local.firestore_database
  location_id                       = var.firestore_location
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "PESSIMISTIC" # transactions in the runner's claim/complete
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_DISABLED" # teardown is `terraform destroy`
  deletion_policy                   = "DELETE"

  depends_on = [google_project_service.enabled]
}

# TTL on jobs/{id}.expire_at. The empty index_config drops the single-field index on the
# TTL field: nothing queries it, and indexing a timestamp that grows monotonically hotspots.
resource "google_firestore_field" "jobs_ttl" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "jobs"
  field      = "expire_at"

  ttl_config {}
  index_config {}
}

# TTL on the `events` collection group (jobs/{id}/events/{event}): every event document
# carries its own expire_at (a parent's deletion does not delete subcollections).
resource "google_firestore_field" "events_ttl" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "events"
  field      = "expire_at"

  ttl_config {}
  index_config {}

  # Firestore runs one field-configuration operation at a time per database.
  depends_on = [google_firestore_field.jobs_ttl]
}

# TTL on research_cache/{key}.expire_at: cached page analyses expire on their own (the
# adapter also checks expire_at on read, because TTL deletion can lag by a day).
resource "google_firestore_field" "research_cache_ttl" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "research_cache"
  field      = "expire_at"

  ttl_config {}
  index_config {}

  depends_on = [google_firestore_field.events_ttl]
}
