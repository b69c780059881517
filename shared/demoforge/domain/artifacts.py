"""The names of the per-job artifacts phases write to the artifact store, each written
once, here. Plain constants: the api (which serves them) and every phase import this
module without pulling in the spec model or the synth engine."""

from __future__ import annotations

from demoforge.domain.job import Phase

RESEARCH_PAGES = "research/pages.json"  # research: the pages read, capped text
SPEC = "spec.json"  # modeling: the dataset to generate
GOLDEN_QUERIES = "golden_queries.json"  # content: passed queries only, qualified SQL
DROPPED_QUERIES = "golden_queries_dropped.json"  # content: what failed, with the reason
DEMO_SCRIPT = "demo_script.md"
SAMPLE_QA = "sample_qa.json"
REPORT = "index.html"  # the self-contained demo report

# Which phase writes an artifact another phase reads (named in "missing" errors).
PRODUCERS: dict[str, Phase] = {SPEC: Phase.MODELING, GOLDEN_QUERIES: Phase.CONTENT}
