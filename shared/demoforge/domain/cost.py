"""What a demo cost: LLM tokens, BigQuery bytes, and their price in US dollars.

One ``Usage`` per phase (``JobDoc.phases[p].cost``, summed over the phase's attempts:
a failed attempt's tokens were paid for too) and their sum on the job (``JobDoc.cost``).
Flat fields, so the console lists them and a person reads them in the Firestore console.
Prices come from ``Settings`` (``demoforge.service.metering`` applies them); BigQuery
bytes are what the warehouse reported (on DuckDB: its estimate, priced at 0).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Usage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    llm_calls: int = 0
    llm_input_tokens: int = 0
    llm_output_tokens: int = 0
    llm_usd: float = 0.0
    bq_queries: int = 0
    bq_bytes_processed: int = 0
    bq_bytes_billed: int = 0
    bq_bytes_loaded: int = 0
    bq_usd: float = 0.0
    total_usd: float = 0.0

    def plus(self, other: Usage) -> Usage:
        """The sum of both (prices rounded to a millionth of a dollar)."""
        llm = round(self.llm_usd + other.llm_usd, 6)
        bq = round(self.bq_usd + other.bq_usd, 6)
        return Usage(
            llm_calls=self.llm_calls + other.llm_calls,
            llm_input_tokens=self.llm_input_tokens + other.llm_input_tokens,
            llm_output_tokens=self.llm_output_tokens + other.llm_output_tokens,
            llm_usd=llm,
            bq_queries=self.bq_queries + other.bq_queries,
            bq_bytes_processed=self.bq_bytes_processed + other.bq_bytes_processed,
            bq_bytes_billed=self.bq_bytes_billed + other.bq_bytes_billed,
            bq_bytes_loaded=self.bq_bytes_loaded + other.bq_bytes_loaded,
            bq_usd=bq,
            total_usd=round(llm + bq, 6),
        )

    @property
    def empty(self) -> bool:
        return self == Usage()
