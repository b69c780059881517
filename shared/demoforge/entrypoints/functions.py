"""What the thin ``functions/<name>/main.py`` files call: decode, build services, delegate.

A phase function receives a Pub/Sub ``messagePublished`` CloudEvent (functions-framework
converts legacy background events to CloudEvents before they reach us). We decode the
envelope, validate the ``{job_id, phase}`` payload and hand it to the runner. A payload
that can never be valid is logged and acknowledged (redelivering it would only loop);
everything the runner raises propagates, so the framework answers 500 and Pub/Sub
redelivers.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import functools
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from demoforge.bootstrap import Container
from demoforge.domain.job import Phase, PhaseMessage
from demoforge.settings import Settings

log = logging.getLogger("demoforge.entrypoints.functions")


class BadEnvelope(ValueError):
    """The event is not a Pub/Sub message we can read."""


@dataclasses.dataclass(frozen=True)
class PubSubMessage:
    message_id: str
    data: bytes
    attributes: dict[str, str]
    publish_time: str | None
    subscription: str | None


def decode_pubsub(event_id: str | None, data: Any) -> PubSubMessage:
    """Decode the ``data`` of a ``google.cloud.pubsub.topic.v1.messagePublished`` event."""
    if not isinstance(data, Mapping):
        raise BadEnvelope("event data is not an object")
    message = data.get("message", data)  # tolerate the bare PubsubMessage shape
    if not isinstance(message, Mapping):
        raise BadEnvelope("event data has no 'message' object")
    raw = message.get("data", "")
    if not isinstance(raw, str):
        raise BadEnvelope("message.data is not a base64 string")
    try:
        payload = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError) as e:
        raise BadEnvelope(f"message.data is not valid base64: {e}") from e
    attributes = message.get("attributes") or {}
    if not isinstance(attributes, Mapping):
        raise BadEnvelope("message.attributes is not an object")
    mid = message.get("messageId") or message.get("message_id") or event_id
    if not mid:
        raise BadEnvelope("message has no id")
    return PubSubMessage(
        message_id=str(mid),
        data=payload,
        attributes={str(k): str(v) for k, v in attributes.items()},
        publish_time=message.get("publishTime") or message.get("publish_time"),
        subscription=data.get("subscription") if isinstance(data.get("subscription"), str) else None,
    )


def parse_phase_message(payload: bytes) -> PhaseMessage:
    try:
        return PhaseMessage.model_validate(json.loads(payload))
    except (json.JSONDecodeError, UnicodeDecodeError, ValidationError) as e:
        raise BadEnvelope(f"payload is not a {{job_id, phase}} message: {e}") from e


def phase_handler(
    phase: Phase, services_factory: Callable[[], Container] | None = None
) -> Callable[[Any], None]:
    """Build the CloudEvent handler for one phase function.

    Without a factory the settings are read and validated here, when ``main.py`` is
    imported: a bad value stops the instance at start-up with the variable's name, instead
    of failing every delivery. The services (and the SDKs behind them) are built on the
    first event, which keeps cold starts fast."""
    if services_factory is None:
        services_factory = functools.partial(Container, Settings.from_env())

    factory = services_factory
    state: dict[str, Container] = {}

    def handle(event: Any) -> None:
        try:
            msg = decode_pubsub(event["id"], event.data)
            phase_msg = parse_phase_message(msg.data)
        except BadEnvelope as e:
            log.error("dropping unreadable event %s for %s: %s", event["id"], phase.value, e)
            return
        if phase_msg.phase != phase:
            log.error("dropping message for %s delivered to the %s function",
                      phase_msg.phase.value, phase.value)
            return
        if "services" not in state:
            state["services"] = factory()
        outcome = state["services"].runner().handle(phase_msg, delivery_id=msg.message_id)
        log.info("%s %s: %s", phase.value, phase_msg.job_id, outcome.value)

    return handle
