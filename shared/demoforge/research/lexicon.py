"""Research's view of the industry registry: the lexicon per industry and the schema.org
type index, both read from ``demoforge.domain.industries`` (their one home)."""

from __future__ import annotations

from demoforge.domain.industries import REGISTRY, schema_type_index

LEXICON: dict[str, str] = {code: industry.lexicon for code, industry in REGISTRY.items()}
# schema.org types that name an industry (JSON-LD ``@type``). Generic types
# (Organization, WebSite, Product) are in no industry on purpose: they say nothing about it.
JSONLD_TYPES: dict[str, str] = schema_type_index()
