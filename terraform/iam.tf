# Least-privilege identities. One runtime service account per function (fn-<name>), one
# for Eventarc to invoke the phase functions, one for Cloud Build to build them. Each
# grant is as narrow as the API allows: topic-, bucket-, secret- or service-level where
# possible; project-level only where the permission exists nowhere else, and then scoped
# by an IAM condition where the service supports one. tests/unit/deploy/test_hcl.py
# fails if any account gets a role outside its allowlist.

# Service accounts and the custom role need the IAM API: on a fresh project it is being
# enabled in the same apply, so every identity waits for google_project_service.enabled.
resource "google_service_account" "fn" {
  for_each = local.functions

  account_id   = "fn-${each.key}"
  display_name = "Demoforge ${each.key} function"
  description  = "Runtime identity of the ${each.key} Cloud Function"

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "trigger" {
  account_id   = "${var.name_prefix}-trigger"
  display_name = "Demoforge Eventarc trigger"
  description  = "Identity Eventarc uses to deliver phase messages to the phase functions"

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "build" {
  account_id   = "${var.name_prefix}-build"
  display_name = "Demoforge function builds"
  description  = "Cloud Build identity that turns function zips into images"

  depends_on = [google_project_service.enabled]
}

# --- Firestore: every function reads and writes jobs/{id} and its events (the runner's
# claim/complete transactions; the api's job CRUD). Limited to the jobs database.
resource "google_project_iam_member" "firestore" {
  for_each = local.functions

  project = var.project
  role    = "roles/datastore.user" # read/write job documents and events, in transactions
  member  = google_service_account.fn[each.key].member

  condition {
    title       = "jobs-database-only"
    description = "Only the Demoforge jobs database"
    expression  = "resource.name == \"projects/${var.project}/databases/${local.firestore_database}\""
  }
}

# --- Deleting demo datasets (api: DELETE /jobs/{id}). BigQuery has no narrower predefined
# role that can delete datasets someone else created, so this custom role holds exactly
# the four permissions a dataset delete with contents needs.
resource "google_project_iam_custom_role" "teardown" {
  role_id     = "${replace(var.name_prefix, "-", "_")}_dataset_teardown"
  title       = "Demoforge dataset teardown"
  description = "Delete Demoforge demo datasets and their tables"
  permissions = [
    "bigquery.datasets.get",
    "bigquery.datasets.delete",
    "bigquery.tables.list",
    "bigquery.tables.delete",
  ]

  depends_on = [google_project_service.enabled]
}

# Granted on its own, not through local.project_grants: the role's id is known only once the
# role exists, and a for_each key must be known at plan time (with the id among the keys a
# fresh project's plan failed: "Invalid for_each argument").
resource "google_project_iam_member" "api_teardown" {
  project = var.project
  role    = google_project_iam_custom_role.teardown.id # DELETE /jobs/{id}: drop the job's demo dataset
  member  = google_service_account.fn["api"].member

  condition {
    title       = "demo-datasets-only"
    description = "Only Demoforge demo datasets (demo_<company>_<job>) and their tables"
    expression  = local.demo_datasets_condition
  }
}

# Deleting data agents (DELETE /jobs/{id}): only the agents Demoforge names
# (demoforge-<job id>, see agent_id_for), never another team's.
resource "google_project_iam_member" "api_agent_teardown" {
  project = var.project
  role    = "roles/geminidataanalytics.dataAgentOwner" # DELETE /jobs/{id}: delete the data agent fn-agent created
  member  = google_service_account.fn["api"].member

  condition {
    title       = "demoforge-agents-only"
    description = "Only Demoforge's data agents (demoforge-<job id>)"
    expression  = "resource.name.startsWith(\"projects/${var.project}/locations/${var.agent_location}/dataAgents/demoforge-\")"
  }
}

# Reading demo tables: content (the golden queries) and agent (the data agent's chat
# queries run as this identity) read Demoforge's demo datasets only, never the project's
# other datasets. BigQuery evaluates the condition on the dataset and table names.
resource "google_project_iam_member" "demo_reader" {
  for_each = toset(local.demo_readers)

  project = var.project
  role    = "roles/bigquery.dataViewer" # read the demo tables the golden queries and the agent select from
  member  = google_service_account.fn[each.key].member

  condition {
    title       = "demo-datasets-only"
    description = "Only Demoforge demo datasets (demo_<company>_<job>) and their tables"
    expression  = local.demo_datasets_condition
  }
}

# Deleting a job's artifacts (DELETE /jobs/{id}): objectViewer reads and lists them, this
# adds only the delete (objectUser would also let the api create and overwrite them).
resource "google_project_iam_custom_role" "artifact_teardown" {
  role_id     = "${replace(var.name_prefix, "-", "_")}_artifact_teardown"
  title       = "Demoforge artifact teardown"
  description = "Delete a deleted demo's artifacts from the artifacts bucket"
  permissions = ["storage.objects.delete"]

  depends_on = [google_project_service.enabled]
}

resource "google_storage_bucket_iam_member" "api_artifact_teardown" {
  bucket = google_storage_bucket.artifacts.name
  role   = google_project_iam_custom_role.artifact_teardown.id # DELETE /jobs/{id}: remove the job's artifacts
  member = google_service_account.fn["api"].member
}

locals {
  demo_readers = ["content", "agent"]
  # Dataset names are demo_<company slug>_<job id> (domain/naming.py); tables inherit the prefix.
  demo_datasets_condition = "resource.name.startsWith(\"projects/${var.project}/datasets/demo_\")"
}

resource "google_project_iam_member" "janitor_teardown" {
  project = var.project
  role    = google_project_iam_custom_role.teardown.id # expired demos: drop the job's dataset at its TTL
  member  = google_service_account.fn["janitor"].member
}

# --- Project-level roles per function (permissions that have no resource-level grant).
locals {
  project_roles = {
    # (the custom teardown role is granted by google_project_iam_member.api_teardown)
    # (dataAgentOwner, conditioned on Demoforge's agents: google_project_iam_member.api_agent_teardown)
    api = [
      "roles/cloudaicompanion.user", # DELETE /jobs/{id}: the Conversational Analytics API requires it to list/delete conversations
    ]
    janitor = [
      "roles/geminidataanalytics.dataAgentOwner", # expired demos: delete the data agent fn-agent created
      "roles/cloudaicompanion.user",              # ... and its conversations (the CA API requires it)
    ]
    research = [] # Firestore, artifacts, its next topic and the key: all granted per resource
    modeling = [] # idem
    warehouse = [
      "roles/bigquery.user", # create the demo dataset (creator becomes its owner) and run load jobs
    ]
    # (bigquery.dataViewer on demo datasets only: google_project_iam_member.demo_reader)
    content = [
      "roles/bigquery.jobUser", # run the golden queries as query jobs
    ]
    agent = [
      "roles/geminidataanalytics.dataAgentCreator", # create data agents (the creator becomes their owner)
      "roles/geminidataanalytics.dataAgentUser",    # test conversation and chat: the owner role has no dataAgents.chat
      "roles/cloudaicompanion.user",                # Conversational Analytics requires it for chat/conversations
      "roles/bigquery.jobUser",                     # the agent's chat queries run as this identity (reads: demo_reader)
    ]
  }

  # Keys are "<function>/<role>", made of literals only: for_each keys must be known at plan.
  project_grants = {
    for pair in flatten([
      for fn, roles in local.project_roles : [for role in roles : { fn = fn, role = role }]
    ]) : "${pair.fn}/${pair.role}" => pair
  }
}

resource "google_project_iam_member" "fn" {
  for_each = local.project_grants

  project = var.project
  role    = each.value.role
  member  = google_service_account.fn[each.value.fn].member
}

# --- Publishing: each phase may publish only to the next phase's topic; the api publishes
# to research (create) and to any phase topic (retry resumes at the failed phase, answer
# resumes a waiting one).
locals {
  publishes = {
    api       = ["research", "modeling", "warehouse", "content", "agent"] # create -> research; retry/answer -> any phase
    research  = ["modeling"]                                              # next phase
    modeling  = ["warehouse"]                                             # next phase
    warehouse = ["content"]                                               # next phase
    content   = ["agent"]                                                 # next phase
    agent     = []                                                        # last phase: publishes nothing
    janitor   = []                                                        # fails and tears down: publishes nothing
  }

  publish_grants = {
    for pair in flatten([
      for fn, topics in local.publishes : [for t in topics : { fn = fn, topic = t }]
    ]) : "${pair.fn}->${pair.topic}" => pair
  }
}

resource "google_pubsub_topic_iam_member" "publish" {
  for_each = local.publish_grants

  topic  = google_pubsub_topic.phase[each.value.topic].id
  role   = "roles/pubsub.publisher" # hand the job to the next phase
  member = google_service_account.fn[each.value.fn].member
}

# --- Artifacts bucket: the api only reads (assets, report); phases write and overwrite
# their own artifacts (objectUser: create/overwrite/delete objects, no IAM or bucket admin).
locals {
  artifact_roles = {
    api       = "roles/storage.objectViewer" # GET /jobs/{id}/assets and /report
    research  = "roles/storage.objectUser"   # write research notes; overwrite on redelivery
    modeling  = "roles/storage.objectUser"   # write spec.json
    warehouse = "roles/storage.objectUser"   # read spec.json, write staged data files
    content   = "roles/storage.objectUser"   # write golden_queries.json, index.html, demo_script.md
    agent     = "roles/storage.objectUser"   # write agent.json
    janitor   = "roles/storage.objectUser"   # expired demos: delete the job's artifacts (teardown)
  }
}

resource "google_storage_bucket_iam_member" "artifacts" {
  for_each = local.artifact_roles

  bucket = google_storage_bucket.artifacts.name
  role   = each.value
  member = google_service_account.fn[each.key].member
}

# --- The Anthropic key: readable only by the functions that call Claude.
resource "google_secret_manager_secret_iam_member" "anthropic" {
  for_each = { for p, cfg in local.phases : p => cfg if cfg.claude }

  secret_id = google_secret_manager_secret.anthropic.id
  role      = "roles/secretmanager.secretAccessor" # read the key at run time (DEMOFORGE_ANTHROPIC_SECRET)
  member    = google_service_account.fn[each.key].member
}

# --- Invoking functions. Phase functions: only the Eventarc trigger identity.
resource "google_cloud_run_v2_service_iam_member" "trigger_invokes_phase" {
  for_each = local.phases

  project  = var.project
  location = var.region
  name     = google_cloudfunctions2_function.phase[each.key].service_config[0].service
  role     = "roles/run.invoker" # Eventarc pushes the phase message to the function
  member   = google_service_account.trigger.member
}

# The api: only the named principals (never allUsers / allAuthenticatedUsers; the variable's
# validation refuses them and the HCL test checks it).
resource "google_cloud_run_v2_service_iam_member" "api_invoker" {
  for_each = toset(var.api_invoker_principals)

  project  = var.project
  location = var.region
  name     = google_cloudfunctions2_function.api.service_config[0].service
  role     = "roles/run.invoker" # call the api with an identity token
  member   = each.value
}

# Pub/Sub mints the trigger identity's OIDC tokens for push delivery (needed explicitly in
# projects created before April 2021; harmless elsewhere). Granted on that one account.
resource "google_service_account_iam_member" "pubsub_mints_trigger_tokens" {
  service_account_id = google_service_account.trigger.name
  role               = "roles/iam.serviceAccountTokenCreator" # mint OIDC tokens for push delivery
  member             = local.pubsub_agent

  # The Pub/Sub service agent exists once the API is enabled and has settled (see apis.tf).
  depends_on = [terraform_data.api_propagation]
}

# --- Build identity: what Cloud Functions' builds of our zips need. roles/run.builder is
# the role the current Cloud Run functions docs give a custom build service account (build
# logs, images, the staged source); the narrower grants below name the resources it uses.
resource "google_project_iam_member" "build_run_builder" {
  project = var.project
  role    = "roles/run.builder" # run function builds as this account (documented requirement)
  member  = google_service_account.build.member
}

resource "google_project_iam_member" "build_logs" {
  project = var.project
  role    = "roles/logging.logWriter" # Cloud Build writes the build log
  member  = google_service_account.build.member
}

resource "google_artifact_registry_repository_iam_member" "build_push" {
  location   = google_artifact_registry_repository.functions.location
  repository = google_artifact_registry_repository.functions.name
  role       = "roles/artifactregistry.writer" # push the built function images
  member     = google_service_account.build.member
}

resource "google_project_iam_member" "build_reads_source" {
  project = var.project
  role    = "roles/storage.objectViewer" # read the function zips (ours and the staged copies)
  member  = google_service_account.build.member

  condition {
    title       = "function-source-buckets-only"
    description = "Our source bucket and Cloud Functions' staging buckets"
    expression  = "resource.name.startsWith(\"projects/_/buckets/${google_storage_bucket.source.name}\") || resource.name.startsWith(\"projects/_/buckets/gcf-v2-sources-${data.google_project.this.number}-${var.region}\") || resource.name.startsWith(\"projects/_/buckets/gcf-v2-uploads-${data.google_project.this.number}-${var.region}\")"
  }
}
