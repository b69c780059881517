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

# TTL on jobs/{id}.purge_at, which the janitor sets once an expired demo is torn down
# (expired_record_days later): the record outlives what it describes, and Firestore never
# deletes a job whose dataset and agent still exist. (expire_at, the demo's own TTL, is no
# TTL field: Firestore might delete the document before the janitor saw it.) The empty
# index_config drops the single-field index on purge_at: only the composite below reads it.
resource "google_firestore_field" "jobs_ttl" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "jobs"
  field      = "purge_at"

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

# The janitor's two queries (FirestoreJobStore.stalled_candidates / expired_candidates):
# an `in`/equality filter on one field with a range and order on another needs a composite
# index. (The emulator does not enforce indexes; the cloud answers FAILED_PRECONDITION.)
resource "google_firestore_index" "stalled" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "jobs"

  # status in [queued, running] and updated_at < cutoff, oldest first
  fields {
    field_path = "status"
    order      = "ASCENDING"
  }
  fields {
    field_path = "updated_at"
    order      = "ASCENDING"
  }
}

resource "google_firestore_index" "expired" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "jobs"

  # purge_at == null (not torn down yet) and expire_at <= now, soonest expired first
  fields {
    field_path = "purge_at"
    order      = "ASCENDING"
  }
  fields {
    field_path = "expire_at"
    order      = "ASCENDING"
  }

  depends_on = [google_firestore_index.stalled]
}

# GET /jobs for a caller who is not an admin: created_by == caller, newest first
# (FirestoreJobStore.list with an owner).
resource "google_firestore_index" "by_owner" {
  project    = var.project
  database   = google_firestore_database.jobs.name
  collection = "jobs"

  fields {
    field_path = "created_by"
    order      = "ASCENDING"
  }
  fields {
    field_path = "created_at"
    order      = "DESCENDING"
  }

  depends_on = [google_firestore_index.expired]
}
