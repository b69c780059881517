"""``terraform/scripts/set-dead-letter.sh`` against a fake ``gcloud`` that records its
arguments: it must look the subscription up from the trigger, grant the Pub/Sub service
agent subscriber on exactly that subscription, then set the dead-letter policy; and fail
loudly when the trigger has no subscription."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "terraform" / "scripts" / "set-dead-letter.sh"
SUB = "projects/p/subscriptions/eventarc-europe-west1-demoforge-research-123-sub-456"

FAKE_GCLOUD = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GCLOUD_LOG"
if [[ "$1 $2 $3" == "eventarc triggers describe" ]]; then
  printf '%s\\n' "$FAKE_SUBSCRIPTION"
fi
"""


def run(tmp_path: Path, subscription: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gcloud = bin_dir / "gcloud"
    gcloud.write_text(FAKE_GCLOUD)
    gcloud.chmod(0o755)
    log = tmp_path / "gcloud.log"
    env = {
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "GCLOUD_LOG": str(log),
        "FAKE_SUBSCRIPTION": subscription,
        "PROJECT": "p",
        "REGION": "europe-west1",
        "TRIGGER": "projects/p/locations/europe-west1/triggers/demoforge-research-123",
        "DEAD_LETTER_TOPIC": "projects/p/topics/demoforge-dead-letter",
        "MAX_DELIVERY_ATTEMPTS": "10",
        "PUBSUB_AGENT": "serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com",
        "DESCRIBE_TRIES": "2",
        "DESCRIBE_PAUSE_S": "0",
    }
    proc = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True,
                          timeout=30)
    calls = log.read_text().splitlines() if log.exists() else []
    return proc, calls


def test_attaches_dead_letter_topic_to_the_trigger_subscription(tmp_path: Path) -> None:
    proc, calls = run(tmp_path, SUB)
    assert proc.returncode == 0, proc.stderr
    assert calls == [
        "eventarc triggers describe demoforge-research-123 --project p --location europe-west1 "
        "--format value(transport.pubsub.subscription)",
        f"pubsub subscriptions add-iam-policy-binding {SUB} --project p --member "
        "serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com "
        "--role roles/pubsub.subscriber --quiet",
        f"pubsub subscriptions update {SUB} --project p --dead-letter-topic "
        "projects/p/topics/demoforge-dead-letter --max-delivery-attempts 10 --quiet",
    ]


def test_fails_when_the_trigger_has_no_subscription(tmp_path: Path) -> None:
    proc, calls = run(tmp_path, "")
    assert proc.returncode == 1
    assert "has no Pub/Sub subscription" in proc.stderr
    assert len(calls) == 2 and all(c.startswith("eventarc triggers describe") for c in calls)
