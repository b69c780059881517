"""Error taxonomy. The runner turns these into Pub/Sub behaviour:

- ``TransientError``: raise out of the function so Pub/Sub redelivers (quota, 429/503,
  deadlines, a live lease held by another delivery).
- ``PermanentError``: mark the job failed with phase, code and a message a Customer
  Engineer can act on, then acknowledge the message.
"""

from __future__ import annotations


class DemoforgeError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class TransientError(DemoforgeError):
    code = "transient"


class LeaseHeld(TransientError):
    code = "lease_held"


class PermanentError(DemoforgeError):
    code = "permanent"


class InvalidInput(PermanentError):
    """Bad user input (URL, request body): HTTP 400 / CLI exit 2."""

    code = "invalid_input"


class UnsafeUrl(InvalidInput):
    code = "unsafe_url"


class NotFound(DemoforgeError):
    code = "not_found"


class Conflict(DemoforgeError):
    code = "conflict"


class LeaseLost(Conflict):
    """A delivery tried to record its phase's outcome after another delivery took the
    phase over (its lease expired and was claimed, or a retry reset the phase): the
    transition is refused, so a stale delivery never completes or frees another's work."""

    code = "lease_lost"


class Gone(DemoforgeError):
    """The job was deleted: its assets and report were removed (HTTP 410)."""

    code = "gone"


class LLMUnavailable(TransientError):
    """Claude could not be reached or is overloaded (after the SDK's own retries).
    Callers with an offline path fall back to it instead of failing the job."""

    code = "llm_unavailable"


class LLMInvalidOutput(PermanentError):
    """Claude's output did not validate, even after the repair round."""

    code = "llm_invalid_output"


class Cancelled(DemoforgeError):
    """Raised by ``PhaseContext.checkpoint`` when the job stopped while a phase ran
    (cancelled, deleted, expired, failed elsewhere): the runner ends the delivery quietly
    and acks. Phases let it propagate; it is neither transient nor a failure."""

    code = "cancelled"


class Forbidden(DemoforgeError):
    """The caller may not see or act on this job (not its creator, not an admin): HTTP 403."""

    code = "forbidden"
