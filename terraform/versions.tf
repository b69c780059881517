# Pinned toolchain: Terraform >= 1.11 for write-only arguments (the Anthropic key never
# lands in state), and an exact google provider version so every deploy plans the same.
terraform {
  required_version = ">= 1.11.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "6.49.0"
    }
  }

  # State: pass a GCS backend at init time (see README: `terraform init -backend-config=...`),
  # so the bucket name stays out of the code and local experiments can use local state.
  backend "gcs" {}
}

provider "google" {
  project = var.project
  region  = var.region

  default_labels = {
    app        = "demoforge"
    managed-by = "terraform"
  }
}
