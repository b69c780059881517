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

AGENT_REQUEST = "agent.json"  # agent (local): the exact CreateDataAgentRequest
JOB_DOCUMENT = "job.json"  # ``demoforge run``: the final job document
LOCAL_WAREHOUSE = "warehouse.duckdb"  # local runs: the DuckDB warehouse file
DATA_DIR = "data"  # warehouse: ``data/<table>.parquet``

# The top-level entries of a demo pack. A teardown removes exactly these from a folder a
# person chose (``demoforge run --out DIR``), so anything else they keep there survives.
PACK_ENTRIES: frozenset[str] = frozenset(
    name.split("/", 1)[0] for name in (
        RESEARCH_PAGES, SPEC, GOLDEN_QUERIES, DROPPED_QUERIES, DEMO_SCRIPT, SAMPLE_QA, REPORT,
        AGENT_REQUEST, JOB_DOCUMENT, LOCAL_WAREHOUSE, LOCAL_WAREHOUSE + ".wal", DATA_DIR)
)

# Which phase writes an artifact another phase reads (named in "missing" errors).
PRODUCERS: dict[str, Phase] = {SPEC: Phase.MODELING, GOLDEN_QUERIES: Phase.CONTENT}
