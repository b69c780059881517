"""In-process ``Bus`` for local runs and tests.

Messages queue in memory; ``drain`` delivers them to a handler one at a time. A handler
that raises gets the message back at the end of the queue, which is what Pub/Sub's
redelivery looks like from the runner's point of view.
"""

from __future__ import annotations

import collections
import threading
import uuid
from collections.abc import Callable

from demoforge.domain.job import PhaseMessage


class MemoryBus:
    def __init__(self) -> None:
        self.queue: collections.deque[tuple[str, PhaseMessage]] = collections.deque()
        self.published: list[PhaseMessage] = []
        self._lock = threading.Lock()

    def publish(self, msg: PhaseMessage) -> str:
        mid = uuid.uuid4().hex
        with self._lock:
            self.queue.append((mid, msg))
            self.published.append(msg)
        return mid

    def pop(self) -> tuple[str, PhaseMessage] | None:
        with self._lock:
            return self.queue.popleft() if self.queue else None

    def drain(
        self,
        handler: Callable[[PhaseMessage, str], object],
        *,
        max_deliveries: int = 1000,
        on_error: Callable[[PhaseMessage, BaseException], None] | None = None,
    ) -> int:
        """Deliver until the queue is empty. Returns the number of deliveries."""
        n = 0
        while n < max_deliveries:
            item = self.pop()
            if item is None:
                return n
            mid, msg = item
            n += 1
            try:
                handler(msg, mid)
            except Exception as e:  # noqa: BLE001 - any failure is a nack: redeliver, like Pub/Sub
                if on_error is not None:
                    on_error(msg, e)
                with self._lock:
                    self.queue.append((mid, msg))
        raise RuntimeError(f"bus did not drain after {max_deliveries} deliveries")
