"""One contract for every ``Bus``: the in-process bus and Pub/Sub (on the official
emulator, read back through pull subscriptions) deliver the same messages to the same
topics: body exactly ``{"job_id", "phase"}``, topic ``demoforge-<phase>``."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator

import pytest

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.devtools import emulators
from demoforge.devtools.emulators import Emulator
from demoforge.domain.errors import TransientError
from demoforge.domain.job import PHASE_ORDER, Phase, PhaseMessage
from demoforge.service.ports import Bus
from demoforge.settings import Settings
from tests.support.emulator_fixtures import EMULATOR_PROJECT

pytestmark = pytest.mark.integration


@dataclasses.dataclass
class Received:
    topic: str
    message_id: str
    body: bytes


@dataclasses.dataclass
class BusUnderTest:
    bus: Bus
    # Everything delivered so far, per topic (waits up to `expect` messages on Pub/Sub).
    receive: Callable[[str, int], list[Received]]


def memory_bus() -> BusUnderTest:
    bus = MemoryBus()

    def receive(topic: str, expect: int) -> list[Received]:
        # The in-process bus has no topics: a message belongs to its phase's topic.
        return [Received(m.phase.topic, mid, m.model_dump_json().encode())
                for mid, m in list(bus.queue) if m.phase.topic == topic]

    return BusUnderTest(bus, receive)


def pubsub_bus(emu: Emulator) -> BusUnderTest:
    from demoforge.adapters.pubsub_bus import PubSubBus

    topics = [p.topic for p in PHASE_ORDER]
    emulators.create_topics(emu, EMULATOR_PROJECT, topics)
    subs = {t: emulators.create_pull_subscription(emu, EMULATOR_PROJECT, t) for t in topics}
    got: dict[str, list[Received]] = {t: [] for t in topics}

    def receive(topic: str, expect: int) -> list[Received]:
        missing = expect - len(got[topic])
        if missing > 0:
            got[topic] += [
                Received(topic, m.message_id, m.data)
                for m in emulators.pull(emu, subs[topic], expect=missing, timeout_s=5)
            ]
        return got[topic]

    settings = Settings(project=EMULATOR_PROJECT, bus="pubsub", pubsub_emulator_host=emu.host)
    return BusUnderTest(PubSubBus(settings, timeout_s=10), receive)


@pytest.fixture(params=["memory", "pubsub"])
def under_test(request: pytest.FixtureRequest) -> Iterator[BusUnderTest]:
    if request.param == "memory":
        yield memory_bus()
    else:
        yield pubsub_bus(request.getfixturevalue("fresh_pubsub"))


def test_publish_returns_id_and_routes_to_the_phase_topic(under_test: BusUnderTest) -> None:
    ids = {
        ("job-1", Phase.MODELING): under_test.bus.publish(PhaseMessage(job_id="job-1", phase=Phase.MODELING)),
        ("job-2", Phase.MODELING): under_test.bus.publish(PhaseMessage(job_id="job-2", phase=Phase.MODELING)),
        ("job-1", Phase.AGENT): under_test.bus.publish(PhaseMessage(job_id="job-1", phase=Phase.AGENT)),
    }
    assert all(isinstance(i, str) and i for i in ids.values())
    assert len(set(ids.values())) == 3

    modeling = under_test.receive("demoforge-modeling", 2)
    agent = under_test.receive("demoforge-agent", 1)
    assert under_test.receive("demoforge-research", 0) == []
    assert under_test.receive("demoforge-warehouse", 0) == []

    bodies = sorted((json.loads(r.body) for r in modeling), key=lambda b: b["job_id"])
    # Exactly the ids: state is read from the job store, never carried in the message.
    assert bodies == [{"job_id": "job-1", "phase": "modeling"},
                      {"job_id": "job-2", "phase": "modeling"}]
    assert [json.loads(r.body) for r in agent] == [{"job_id": "job-1", "phase": "agent"}]
    assert {r.message_id for r in modeling} == {ids[("job-1", Phase.MODELING)],
                                                ids[("job-2", Phase.MODELING)]}
    assert agent[0].message_id == ids[("job-1", Phase.AGENT)]
    # The body decodes back into the message the runner consumes.
    assert PhaseMessage.model_validate_json(agent[0].body) == PhaseMessage(
        job_id="job-1", phase=Phase.AGENT)


def test_pubsub_attributes_and_missing_topic(fresh_pubsub: Emulator) -> None:
    from demoforge.adapters.pubsub_bus import PubSubBus

    settings = Settings(project=EMULATOR_PROJECT, pubsub_emulator_host=fresh_pubsub.host)
    bus = PubSubBus(settings, timeout_s=10)
    # No topics yet: a publish fails as transient, so the runner lets Pub/Sub redeliver
    # and the outbox re-publish heals once the topic exists.
    with pytest.raises(TransientError, match="demoforge-content"):
        bus.publish(PhaseMessage(job_id="job-9", phase=Phase.CONTENT))

    emulators.create_topics(fresh_pubsub, EMULATOR_PROJECT, ["demoforge-content"])
    sub = emulators.create_pull_subscription(fresh_pubsub, EMULATOR_PROJECT, "demoforge-content")
    mid = bus.publish(PhaseMessage(job_id="job-9", phase=Phase.CONTENT))
    [got] = emulators.pull(fresh_pubsub, sub, expect=1, timeout_s=5)
    assert got.message_id == mid
    assert got.attributes == {"job_id": "job-9", "phase": "content"}
    assert json.loads(got.data) == {"job_id": "job-9", "phase": "content"}
