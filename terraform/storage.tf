# Two buckets: per-job artifacts (read/written by the functions) and function source zips.
# Both: uniform bucket-level access, public access prevention enforced, versioning with a
# short noncurrent-version lifetime (overwrites are recoverable for a while, not forever).

resource "google_storage_bucket" "artifacts" {
  name                        = "${var.project}-${var.name_prefix}-artifacts"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true # teardown removes demo artifacts with the bucket

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      age = var.artifact_ttl_days
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 7
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}

resource "google_storage_bucket" "source" {
  name                        = "${var.project}-${var.name_prefix}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  versioning {
    enabled = true
  }

  # Zips are content-addressed, so old ones are dead weight once a newer deploy is live.
  lifecycle_rule {
    condition {
      age = 90
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 7
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}

# One object per function, named by content hash (from manifest.json): changed code means
# a new object name, which changes the function's source and triggers a redeploy.
resource "google_storage_bucket_object" "source" {
  for_each = local.functions

  bucket       = google_storage_bucket.source.name
  name         = "functions/${try(local.manifest.functions[each.key].zip, "missing-${each.key}.zip")}"
  source       = "${path.module}/${var.package_dir}/${try(local.manifest.functions[each.key].zip, "missing-${each.key}.zip")}"
  content_type = "application/zip"

  lifecycle {
    precondition {
      condition     = contains(keys(local.manifest.functions), each.key)
      error_message = "manifest.json has no zip for this function: run `uv run demoforge package` first."
    }
  }
}

# Function images live in a repository this deployment owns, so the build service account
# gets write access to it alone; old images are cleaned up automatically.
resource "google_artifact_registry_repository" "functions" {
  repository_id = "${var.name_prefix}-functions"
  location      = var.region
  format        = "DOCKER"
  description   = "Demoforge Cloud Functions images"

  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 5
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      older_than = "2592000s"
    }
  }

  depends_on = [google_project_service.enabled]
}
