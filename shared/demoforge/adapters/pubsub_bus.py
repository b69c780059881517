"""``Bus`` on Cloud Pub/Sub: one topic per phase, ``projects/{project}/topics/demoforge-<phase>``.

The message body is exactly ``PhaseMessage.model_dump_json()`` (``{"job_id", "phase"}``);
``job_id`` and ``phase`` are repeated as attributes so subscriptions can filter and logs
show them without decoding. ``publish`` waits for the server's message id, so when it
returns the next phase is durably queued; any failure raises ``TransientError``: the
runner then lets Pub/Sub redeliver the current message, whose claim finds the phase done
and re-publishes (outbox style), so a lost publish heals.
"""

from __future__ import annotations

import concurrent.futures

import google.cloud.pubsub_v1 as pubsub_v1
import grpc
from google.api_core import exceptions as gexc
from google.pubsub_v1.services.publisher.transports import PublisherGrpcTransport

from demoforge.domain.errors import TransientError
from demoforge.domain.job import PhaseMessage
from demoforge.settings import Settings


class PubSubBus:
    def __init__(
        self,
        settings: Settings,
        *,
        timeout_s: float = 30.0,
        publisher: pubsub_v1.PublisherClient | None = None,
    ) -> None:
        self.settings = settings
        self.project = settings.project
        self.timeout_s = timeout_s
        self.publisher = publisher or self._make_publisher(settings)

    @staticmethod
    def _make_publisher(settings: Settings) -> pubsub_v1.PublisherClient:
        host = settings.pubsub_emulator_host
        if not host:
            return pubsub_v1.PublisherClient()
        # The SDK only honours PUBSUB_EMULATOR_HOST from os.environ; Settings is our source
        # of truth, so build the emulator's insecure channel ourselves (no credentials).
        transport = PublisherGrpcTransport(channel=grpc.insecure_channel(host), host=host)
        return pubsub_v1.PublisherClient(transport=transport)

    def topic_path(self, topic: str) -> str:
        return f"projects/{self.project}/topics/{topic}"

    def publish(self, msg: PhaseMessage) -> str:
        topic = self.topic_path(msg.phase.topic)
        data = msg.model_dump_json().encode("utf-8")
        try:
            future = self.publisher.publish(
                topic, data, timeout=self.timeout_s, job_id=msg.job_id, phase=msg.phase.value
            )
            return str(future.result(timeout=self.timeout_s))
        except concurrent.futures.TimeoutError as e:
            raise TransientError(
                f"publishing {msg.phase.value} for job {msg.job_id} to {topic} timed out "
                f"after {self.timeout_s:.0f}s"
            ) from e
        except gexc.GoogleAPIError as e:
            # Even a missing topic or a permission error is retried via redelivery rather
            # than failing the job: the phase already committed, and fixing the topic/IAM
            # then lets the outbox republish finish the job.
            raise TransientError(
                f"publishing {msg.phase.value} for job {msg.job_id} to {topic} failed: {e}"
            ) from e
