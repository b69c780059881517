# Inputs. Only `project` is required; everything else has a working default.

variable "project" {
  description = "Google Cloud project ID to deploy into."
  type        = string
}

variable "region" {
  description = "Region for functions, buckets, Eventarc triggers and Artifact Registry."
  type        = string
  default     = "europe-west1"
}

variable "name_prefix" {
  description = "Prefix for function, bucket and database names (topics keep the fixed `demoforge-<phase>` names the runtime publishes to)."
  type        = string
  default     = "demoforge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,20}$", var.name_prefix))
    error_message = "name_prefix must be 3-21 characters: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "bq_location" {
  description = "BigQuery location of the demo datasets (DEMOFORGE_BQ_LOCATION)."
  type        = string
  default     = "EU"
}

variable "firestore_location" {
  description = "Location of the Firestore database (a region such as europe-west1, or a multi-region such as eur3)."
  type        = string
  default     = "eur3"
}

variable "agent_location" {
  description = "Location of the Gemini Data Analytics data agents (DEMOFORGE_AGENT_LOCATION)."
  type        = string
  default     = "global"
}

variable "anthropic_model" {
  description = "Claude model used by research, modeling and content (DEMOFORGE_ANTHROPIC_MODEL)."
  type        = string
  default     = "claude-sonnet-4-6"
}

variable "claude_enabled" {
  description = "Let research, modeling and content read the Anthropic key from its secret at run time. With no secret version yet they run offline and say so on the job; adding a version turns Claude on within secret_ttl_s, no redeploy. False = offline analysis only, whatever the secret holds."
  type        = bool
  default     = true
}

variable "anthropic_api_key" {
  description = "Optional: the Anthropic API key, written into Secret Manager as a write-only value (never stored in state or plan). Leave null and add the version with gcloud instead (see README)."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "anthropic_api_key_version" {
  description = "0 = Terraform manages no key version (add it with gcloud). N > 0 = write var.anthropic_api_key as the secret's value; bump N to rotate."
  type        = number
  default     = 0

  validation {
    condition     = var.anthropic_api_key_version >= 0 && floor(var.anthropic_api_key_version) == var.anthropic_api_key_version
    error_message = "anthropic_api_key_version must be a whole number >= 0."
  }
}

variable "dataset_ttl_days" {
  description = "Default table expiration of the demo BigQuery datasets, in days (DEMOFORGE_DATASET_TTL_DAYS). Only the tables expire; the dataset and the data agent go with DELETE /jobs/{id} or when the janitor expires the job (job_ttl_days)."
  type        = number
  default     = 14

  validation {
    condition     = var.dataset_ttl_days >= 1 && var.dataset_ttl_days <= 365
    error_message = "dataset_ttl_days must be between 1 and 365."
  }
}

variable "job_ttl_days" {
  description = "A demo's TTL (DEMOFORGE_JOB_TTL_DAYS): its job carries expire_at = created + this many days, when the janitor tears down its agent, dataset and artifacts and marks it expired. Events expire as long after they were written (Firestore TTL)."
  type        = number
  default     = 30

  validation {
    condition     = var.job_ttl_days >= 1 && var.job_ttl_days <= 365
    error_message = "job_ttl_days must be between 1 and 365."
  }
}

variable "artifact_ttl_days" {
  description = "Objects in the artifacts bucket (spec.json, golden_queries.json, index.html, ...) are deleted after this many days."
  type        = number
  default     = 30

  validation {
    condition     = var.artifact_ttl_days >= 1
    error_message = "artifact_ttl_days must be at least 1."
  }
}

variable "max_instances" {
  description = "Upper bound of instances per function: caps cost and the BigQuery / Claude fan-out."
  type        = number
  default     = 5

  validation {
    condition     = var.max_instances >= 1 && var.max_instances <= 100
    error_message = "max_instances must be between 1 and 100."
  }
}

variable "max_attempts" {
  description = "Runtime attempt budget per phase (DEMOFORGE_MAX_ATTEMPTS): after it the runner fails the job and acks."
  type        = number
  default     = 5

  validation {
    condition     = var.max_attempts >= 1 && var.max_attempts <= 20
    error_message = "max_attempts must be between 1 and 20."
  }
}

variable "dead_letter_max_delivery_attempts" {
  description = "Pub/Sub delivery attempts before a phase message is moved to the dead-letter topic. Must exceed max_attempts so the runner always gets to fail the job first."
  type        = number
  default     = 10

  validation {
    condition     = var.dead_letter_max_delivery_attempts >= 5 && var.dead_letter_max_delivery_attempts <= 100
    error_message = "dead_letter_max_delivery_attempts must be between 5 and 100 (Pub/Sub limits)."
  }

  validation {
    condition     = var.dead_letter_max_delivery_attempts > var.max_attempts
    error_message = "dead_letter_max_delivery_attempts must be greater than max_attempts: the runtime's budget has to trip first so the job shows failed."
  }
}

variable "configure_dead_letters" {
  description = "Run scripts/set-dead-letter.sh (needs gcloud) after each phase trigger is created, to attach the dead-letter topic to its Eventarc subscription."
  type        = bool
  default     = true
}

variable "api_token_audiences" {
  description = "Further ID-token audiences the api accepts for created_by, besides its own URLs. The default is the gcloud CLI's OAuth client: `gcloud auth print-identity-token` for a user account mints tokens for it, and Cloud Run accepts them."
  type        = list(string)
  default     = ["32555940559.apps.googleusercontent.com"]
}

variable "api_behind_iap" {
  description = "Set true only when Identity-Aware Proxy sits in front of the api: then its X-Goog-Authenticated-User-Email header names the caller (IAP replaces client-sent copies). Otherwise anybody could send that header, so it is ignored."
  type        = bool
  default     = false
}

variable "api_propagation_wait_seconds" {
  description = "Seconds to wait once after enabling the APIs before creating service-agent grants and Eventarc triggers (fresh projects: roles of new service agents propagate late). 0 = no wait."
  type        = number
  default     = 90

  validation {
    condition     = var.api_propagation_wait_seconds >= 0 && var.api_propagation_wait_seconds <= 600
    error_message = "api_propagation_wait_seconds must be between 0 and 600."
  }
}

variable "api_invoker_principals" {
  description = "Who may call the api, as IAM members: user:ce@example.com, group:ces@example.com, serviceAccount:..."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for m in var.api_invoker_principals :
      can(regex("^(user|group|serviceAccount|domain|principal|principalSet):.+", m)) && !contains(["allUsers", "allAuthenticatedUsers"], m)
    ])
    error_message = "api_invoker_principals must be named IAM members (user:, group:, serviceAccount:, domain:, principal:, principalSet:); allUsers and allAuthenticatedUsers are refused."
  }
}

# A warning, not an error: a whole Workspace domain may be what an organisation wants,
# but it lets every account in it (contractors, service accounts) start and delete demos.
check "api_invokers_name_people_not_domains" {
  assert {
    condition     = alltrue([for m in var.api_invoker_principals : !startswith(m, "domain:")])
    error_message = "api_invoker_principals grants run.invoker to a whole domain (${join(", ", [for m in var.api_invoker_principals : m if startswith(m, "domain:")])}): every account in it can call the api. Prefer group: members."
  }
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channel IDs told when a message reaches the dead-letter topic (empty = incident in the console only)."
  type        = list(string)
  default     = []
}

variable "package_dir" {
  description = "Folder written by `demoforge package` (zips + manifest.json), relative to this module."
  type        = string
  default     = "../build/functions"
}

variable "python_runtime" {
  description = "Cloud Functions Python runtime; matches the interpreter the tests and the packaging test run on."
  type        = string
  default     = "python311"
}

variable "lease_seconds" {
  description = "Lease of a running phase (DEMOFORGE_LEASE_SECONDS), renewed by a heartbeat every third of it: a killed delivery is taken over about this long after it died."
  type        = number
  default     = 90

  validation {
    condition     = var.lease_seconds >= 30 && var.lease_seconds <= 540
    error_message = "lease_seconds must be between 30 and 540 (the longest phase timeout)."
  }
}

variable "janitor_schedule" {
  description = "Cron schedule (UTC) of the janitor's ticks: fail stalled jobs, tear down expired demos."
  type        = string
  default     = "*/15 * * * *"
}

variable "janitor_batch" {
  description = "Jobs the janitor handles per kind (stalled, expired) and tick (DEMOFORGE_JANITOR_BATCH)."
  type        = number
  default     = 25

  validation {
    condition     = var.janitor_batch >= 1 && var.janitor_batch <= 500
    error_message = "janitor_batch must be between 1 and 500."
  }
}

variable "expired_record_days" {
  description = "Days the record of an expired demo stays once its agent, dataset and artifacts are gone; then Firestore TTL deletes it (DEMOFORGE_EXPIRED_RECORD_DAYS)."
  type        = number
  default     = 7

  validation {
    condition     = var.expired_record_days >= 0 && var.expired_record_days <= 365
    error_message = "expired_record_days must be between 0 and 365."
  }
}

variable "api_admins" {
  description = "Caller emails that see and act on every job in the api (DEMOFORGE_ADMINS); everyone else only on the jobs they created."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.api_admins : can(regex("^[^@\\s,]+@[^@\\s,]+$", a))])
    error_message = "api_admins must be email addresses."
  }
}
