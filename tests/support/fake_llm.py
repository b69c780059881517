"""The one fake ``LLM`` (the port Claude's adapter implements): prepared answers, or
prepared exceptions, recorded per call. Answers come from a queue (one per call, in order)
or from a function of the request (e.g. keyed by the question in the prompt), so phases
that call the model concurrently get the answer meant for each call."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from demoforge.service.ports import LLM

Answer = dict[str, Any] | Exception


class FakeLLM(LLM):
    def __init__(self, answers: Sequence[Answer] | Callable[[dict[str, Any]], Answer]) -> None:
        self._queue = None if callable(answers) else list(answers)
        self._pick = answers if callable(answers) else None
        self._lock = threading.Lock()
        self.calls: list[dict[str, Any]] = []

    @classmethod
    def by_question(cls, answers: Mapping[str, Answer]) -> FakeLLM:
        """Answer a query-repair request by the question its prompt names."""

        def pick(call: dict[str, Any]) -> Answer:
            content = call["messages"][0]["content"]
            return next(a for q, a in answers.items() if f"Question: {q}\n" in content)

        return cls(pick)

    def structured(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> dict[str, Any]:
        call = {"system": system, "messages": messages, "tool_name": tool_name,
                "schema": schema, "max_tokens": max_tokens, "timeout_s": timeout_s}
        with self._lock:
            self.calls.append(call)
            if self._pick is not None:
                answer = self._pick(call)
            else:
                assert self._queue, "FakeLLM: no prepared answer left"
                answer = self._queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return copy.deepcopy(answer)
