"""Demoforge: turn a prospect's website into a working Conversational Analytics demo.

The package is shipped inside every Cloud Function zip. Layout:
- ``model``      job document, phases, messages (the vocabulary everything shares)
- ``settings``   the one frozen configuration object, read from the environment once
- ``ports``      the small Protocols phases depend on (JobStore, Bus, Warehouse, ...)
- ``adapters/``  the only place cloud clients (``google.cloud``, ``anthropic``) are imported
- ``runner``     claim / run / complete / publish, idempotent under at-least-once delivery
- ``jobs``       application services used by the HTTP api and the CLI
- ``phases/``    the five phase bodies
- ``bootstrap``  the composition root
"""

__version__ = "0.1.0"
