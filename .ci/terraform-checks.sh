#!/usr/bin/env bash
# Static checks of terraform/ (no provider downloads here, so no init/validate):
#   1. terraform fmt -check -recursive
#   2. checkov with terraform/.checkov.yaml: must report 0 failed checks; every skipped
#      check carries its reason in that file or inline next to the resource.
# checkov lives in its own venv (.venvs/checkov, git-ignored) because its pinned HCL
# parser (bc-python-hcl2) must not mix with the project's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

CHECKOV_VERSION="3.3.30"
VENV="${DEMOFORGE_CHECKOV_VENV:-.venvs/checkov}"
# Terraform warns on every call when no CLI config exists; an empty one keeps logs clean.
if [ ! -f "${TF_CLI_CONFIG_FILE:-}" ]; then
  TF_CLI_CONFIG_FILE="$(mktemp)"
  trap 'rm -f "$TF_CLI_CONFIG_FILE"' EXIT
  export TF_CLI_CONFIG_FILE
fi

if ! command -v terraform >/dev/null 2>&1; then
  echo "terraform-checks: terraform is not on PATH (the image ships /usr/local/bin/terraform)" >&2
  exit 1
fi

echo "-- terraform fmt -check -recursive terraform/"
if ! terraform fmt -check -recursive terraform/; then
  echo "terraform-checks: run 'terraform fmt -recursive terraform/' to fix formatting" >&2
  exit 1
fi

if [ "$("$VENV/bin/checkov" --version 2>/dev/null || true)" != "$CHECKOV_VERSION" ]; then
  echo "-- installing checkov $CHECKOV_VERSION into $VENV"
  export UV_PYTHON_DOWNLOADS=never
  uv venv --quiet --allow-existing "$VENV"
  uv pip install --quiet --python "$VENV/bin/python" "checkov==$CHECKOV_VERSION"
fi

echo "-- checkov $CHECKOV_VERSION"
# BC_* / CHECKOV_* settings: never phone home (no network in CI), no telemetry.
BC_SKIP_MAPPING=TRUE CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false \
  "$VENV/bin/checkov" --config-file terraform/.checkov.yaml
