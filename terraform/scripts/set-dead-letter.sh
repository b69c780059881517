#!/usr/bin/env bash
# Attach the dead-letter topic to the Pub/Sub subscription Eventarc created for one phase
# trigger (Terraform cannot: the subscription is Eventarc's). Idempotent; run by
# terraform/deadletter.tf after each trigger is (re)created.
# Env: PROJECT REGION TRIGGER DEAD_LETTER_TOPIC MAX_DELIVERY_ATTEMPTS PUBSUB_AGENT
#      (optional) DESCRIBE_TRIES, DESCRIBE_PAUSE_S: polling for the trigger's subscription
set -euo pipefail

: "${PROJECT:?}" "${REGION:?}" "${TRIGGER:?}" "${DEAD_LETTER_TOPIC:?}"
: "${MAX_DELIVERY_ATTEMPTS:?}" "${PUBSUB_AGENT:?}"

if ! command -v gcloud >/dev/null 2>&1; then
  echo "set-dead-letter: gcloud is required (or set configure_dead_letters=false and run this script later)" >&2
  exit 1
fi

# TRIGGER may be a full resource name or a bare id; describe accepts both with --location.
# The trigger's transport is filled in shortly after creation: poll a little.
tries="${DESCRIBE_TRIES:-6}"
pause="${DESCRIBE_PAUSE_S:-10}"
sub=""
for ((i = 1; i <= tries; i++)); do
  sub="$(gcloud eventarc triggers describe "${TRIGGER##*/}" --project "$PROJECT" \
    --location "$REGION" --format 'value(transport.pubsub.subscription)')"
  [[ -n "$sub" ]] && break
  ((i < tries)) && sleep "$pause"
done
if [[ -z "$sub" ]]; then
  echo "set-dead-letter: trigger $TRIGGER has no Pub/Sub subscription yet" >&2
  exit 1
fi

# Forwarding a dead letter needs the Pub/Sub service agent to be subscriber on the source.
gcloud pubsub subscriptions add-iam-policy-binding "$sub" --project "$PROJECT" \
  --member "$PUBSUB_AGENT" --role roles/pubsub.subscriber --quiet >/dev/null

gcloud pubsub subscriptions update "$sub" --project "$PROJECT" \
  --dead-letter-topic "$DEAD_LETTER_TOPIC" \
  --max-delivery-attempts "$MAX_DELIVERY_ATTEMPTS" --quiet

echo "set-dead-letter: $sub -> $DEAD_LETTER_TOPIC after $MAX_DELIVERY_ATTEMPTS attempts"
