"""Adapters: the only modules that import cloud SDKs (``google.cloud``, ``anthropic``).

Each implements a Protocol from ``demoforge.service.ports``; ``demoforge.bootstrap`` picks them
from ``Settings``. Cloud SDKs are imported inside the cloud adapter modules only, and
those modules are imported lazily, so local runs never load them.
"""
