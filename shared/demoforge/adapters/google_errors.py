"""Which Google API errors mean "try again later", shared by the Google Cloud adapters.

Quota (429), server errors (5xx), deadlines, contention (ABORTED) and retry give-ups become
``TransientError`` so Pub/Sub redelivers; everything else is a bug or a configuration
problem and propagates unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from google.api_core import exceptions as gexc

from demoforge.domain.errors import TransientError

TRANSIENT: tuple[type[BaseException], ...] = (
    gexc.TooManyRequests,
    gexc.ServerError,  # 500, 502, 503, 504
    gexc.DeadlineExceeded,
    gexc.Aborted,
    gexc.RetryError,
)


@contextmanager
def transient_errors(
    service: str, what: str, extra: tuple[type[BaseException], ...] = ()
) -> Iterator[None]:
    """Re-raise transient errors from ``service`` as ``TransientError`` naming ``what``."""
    try:
        yield
    except TRANSIENT + extra as e:
        raise TransientError(f"{service} {what}: {e}") from e
