"""Typed values the ``DataAgents`` port exchanges with the agent phase and teardown.

Plain pydantic models, no cloud SDK: the cloud adapter converts the API's messages into
these, the local adapter builds them directly, and the pure verdict code reads them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

AgentMode = Literal["cloud", "local"]


class AgentInfo(BaseModel):
    """A data agent that exists (or, locally, would exist) after ``ensure_agent``."""

    model_config = ConfigDict(extra="forbid")
    name: str  # projects/{p}/locations/{l}/dataAgents/{id}
    agent_id: str
    job_id: str
    mode: AgentMode
    # "created" the first time, "updated" when it existed and its context was replaced,
    # "written" for the local stand-in (agent.json rewritten).
    action: Literal["created", "updated", "written"]


class ChatOutcome(BaseModel):
    """What came back when a question was put to the agent (already reduced to plain data)."""

    model_config = ConfigDict(extra="forbid")
    mode: Literal["cloud", "local_check"]
    question: str
    conversation: str | None = None
    final_text: str = ""  # the FINAL_RESPONSE text, parts joined
    generated_sql: str = ""
    columns: list[str] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)  # the last data result
    errors: list[str] = Field(default_factory=list)
    message_count: int = 0
    seconds: float = 0.0

    @property
    def answered(self) -> bool:
        return bool(self.final_text.strip())

    @property
    def has_data(self) -> bool:
        return bool(self.rows)


class AgentDeletion(BaseModel):
    """What ``delete_agent`` found and removed (both counts may be zero: it is idempotent)."""

    model_config = ConfigDict(extra="forbid")
    agent: Literal["deleted", "absent", "local"]
    conversations_deleted: int = 0


class DateCoverage(BaseModel):
    """The range of one date/timestamp column, so relative periods can be anchored."""

    model_config = ConfigDict(extra="forbid")
    table: str
    column: str
    min: str
    max: str
