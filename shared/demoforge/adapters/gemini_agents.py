"""``DataAgents`` on the Conversational Analytics API (``google-cloud-geminidataanalytics`` v1).

The request body comes, fully built, from ``demoforge.agent.definition`` (the same JSON
the local adapter writes as ``agent.json``); this adapter only parses it into the
client's types and sends it. Create is ``create_data_agent_sync`` with a deterministic
``data_agent_id`` and a content-derived ``request_id``; an existing agent (a redelivery,
a retried job) is updated in place with ``update_data_agent_sync`` and a field mask, so
there is never a second agent per job.

The test question runs in a deterministic conversation through the streaming ``chat``
call. Errors are mapped for the runner: permission problems become a ``PermanentError``
naming the IAM roles to grant; quota (429), unavailability (503) and deadlines become a
``TransientError`` so Pub/Sub redelivers.

``Settings.dataagents_endpoint`` points the REST transport at another server (the fake in
``tests/support/fake_gda_server.py``); credentials are then anonymous.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, TypeVar

import requests
from google.api_core import exceptions as gexc
from google.api_core.client_options import ClientOptions
from google.auth import exceptions as gauth
from google.auth.credentials import AnonymousCredentials
from google.cloud import geminidataanalytics_v1 as gda
from google.protobuf import field_mask_pb2, json_format

from demoforge.agent.definition import (
    UPDATE_MASK,
    conversation_id_for,
    label_value,
    request_id_for,
)
from demoforge.agent.types import AgentDeletion, AgentInfo, ChatOutcome
from demoforge.domain.errors import DemoforgeError, PermanentError, TransientError
from demoforge.settings import Settings

T = TypeVar("T")

# What the function's service account needs, in the order a CE would grant them. Named in
# the permission error so the fix is one copy-paste away.
REQUIRED_ROLES = (
    "roles/geminidataanalytics.dataAgentCreator",
    "roles/geminidataanalytics.dataAgentStatelessUser",
    "roles/bigquery.dataViewer",
    "roles/bigquery.jobUser",
    "roles/cloudaicompanion.user",
)
# Per unary call; the chat stream has its own (longer) budget from settings.
CALL_TIMEOUT_S = 60.0
_MAX_TEXT = 20_000  # cap on kept answer text: the verdict stores an excerpt anyway
_MAX_ROWS = 1_000
# Everything the client and its transport raise for a failed call.
_API_ERRORS = (gexc.GoogleAPICallError, gexc.RetryError, requests.RequestException,
               gauth.GoogleAuthError)


def _grpc_status(e: gexc.GoogleAPICallError) -> str:
    """The canonical status name in a REST error body (e.g. ``ALREADY_EXISTS``): HTTP 409
    maps to both ALREADY_EXISTS and ABORTED, and only the body tells them apart."""
    resp = getattr(e, "response", None)
    if resp is None:
        return ""
    try:
        body = resp.json()
    except ValueError:
        return ""
    err = body.get("error") if isinstance(body, dict) else None
    status = err.get("status", "") if isinstance(err, dict) else ""
    return status if isinstance(status, str) else ""


def _already_exists(e: gexc.GoogleAPICallError) -> bool:
    return isinstance(e, gexc.AlreadyExists) or (
        isinstance(e, gexc.Conflict) and _grpc_status(e) in ("ALREADY_EXISTS", "")
    )


def map_error(e: BaseException, action: str, project: str) -> DemoforgeError:
    """Translate a client/transport exception into the runner's taxonomy."""
    if isinstance(e, gexc.Forbidden | gexc.Unauthorized):
        roles = ", ".join(REQUIRED_ROLES)
        return PermanentError(
            f"Permission denied while trying to {action} in project {project}: {e.message}. "
            f"Grant the phase's service account these roles: {roles} "
            f"(and enable geminidataanalytics.googleapis.com and cloudaicompanion.googleapis.com).",
            code="agent_permission_denied",
        )
    if isinstance(
        e,
        gexc.TooManyRequests | gexc.ServiceUnavailable | gexc.GatewayTimeout
        | gexc.InternalServerError | gexc.Aborted | gexc.RetryError,
    ) or (isinstance(e, gexc.Conflict) and _grpc_status(e) == "ABORTED"):
        return TransientError(f"Conversational Analytics API busy while trying to {action}: {e}")
    if isinstance(e, TimeoutError | gauth.TransportError) or (
        # Network-level failures (timeouts, resets, a stream cut mid-body); the URL
        # errors among requests' exceptions are ValueErrors and stay permanent.
        isinstance(e, requests.RequestException) and not isinstance(e, ValueError)
    ):
        return TransientError(f"Conversational Analytics API unreachable or too slow to {action}: {e}")
    if isinstance(e, gexc.GoogleAPICallError):
        code = e.code if isinstance(e.code, int) else 0
        if code >= 500:
            return TransientError(f"Conversational Analytics API error while trying to {action}: {e}")
        return PermanentError(
            f"The Conversational Analytics API refused to {action}: {e.message}",
            code="agent_request_rejected",
        )
    if isinstance(e, gauth.GoogleAuthError):
        return PermanentError(
            f"No usable Google credentials to {action}: {e}. Run the function with a service "
            "account (or `gcloud auth application-default login` locally).",
            code="agent_credentials",
        )
    return PermanentError(f"Unexpected error while trying to {action}: {e}", code="agent_error")


class GeminiDataAgents:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # -- clients (built on first use: the agent phase's cold start pays, no one else)

    def _client_kwargs(self) -> dict[str, Any]:
        kw: dict[str, Any] = {"transport": "rest"}
        if self.settings.dataagents_endpoint:
            kw["client_options"] = ClientOptions(api_endpoint=self.settings.dataagents_endpoint)
            kw["credentials"] = AnonymousCredentials()
        return kw

    @functools.cached_property
    def agents_client(self) -> gda.DataAgentServiceClient:
        return gda.DataAgentServiceClient(**self._client_kwargs())

    @functools.cached_property
    def chat_client(self) -> gda.DataChatServiceClient:
        return gda.DataChatServiceClient(**self._client_kwargs())

    def _call(self, action: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except _API_ERRORS as e:
            raise map_error(e, action, self.settings.project) from e

    # -- agents

    def ensure_agent(self, job_id: str, request: Mapping[str, Any]) -> AgentInfo:
        parent = request["parent"]
        agent_id = request["dataAgentId"]
        name = f"{parent}/dataAgents/{agent_id}"
        agent = gda.DataAgent.from_json(json.dumps(request["dataAgent"]))
        create = gda.CreateDataAgentRequest(
            parent=parent, data_agent_id=agent_id, data_agent=agent,
            request_id=request["requestId"],
        )
        try:
            self.agents_client.create_data_agent_sync(request=create, timeout=CALL_TIMEOUT_S)
            return AgentInfo(name=name, agent_id=agent_id, job_id=job_id, mode="cloud",
                             action="created")
        except _API_ERRORS as e:
            if not (isinstance(e, gexc.GoogleAPICallError) and _already_exists(e)):
                raise map_error(e, "create the data agent", self.settings.project) from e
        # It exists (an earlier delivery, or a retried job): replace its context.
        updated = gda.DataAgent.from_json(json.dumps(request["dataAgent"]))
        updated.name = name
        update = gda.UpdateDataAgentRequest(
            data_agent=updated,
            update_mask=field_mask_pb2.FieldMask(paths=list(UPDATE_MASK)),
            request_id=request_id_for(job_id, "update", dict(request["dataAgent"])),
        )
        self._call(
            "update the data agent",
            lambda: self.agents_client.update_data_agent_sync(request=update, timeout=CALL_TIMEOUT_S),
        )
        return AgentInfo(name=name, agent_id=agent_id, job_id=job_id, mode="cloud", action="updated")

    def _conversations_of(self, agent_name: str) -> Iterator[str]:
        parent = agent_name.split("/dataAgents/")[0]
        pager = self.chat_client.list_conversations(
            request=gda.ListConversationsRequest(parent=parent, page_size=100),
            timeout=CALL_TIMEOUT_S,
        )
        for conv in pager:
            if agent_name in conv.agents:
                yield conv.name

    def delete_agent(self, agent_name: str) -> AgentDeletion:
        # Conversations first: they reference the agent, and a CE listing conversations
        # should not find orphans of a deleted demo.
        names = self._call("list the agent's conversations",
                            lambda: list(self._conversations_of(agent_name)))
        deleted = 0
        for conv in names:
            try:
                self.chat_client.delete_conversation(name=conv, timeout=CALL_TIMEOUT_S)
                deleted += 1
            except gexc.NotFound:
                continue  # deleted concurrently: the goal is reached
            except _API_ERRORS as e:
                raise map_error(e, "delete a conversation", self.settings.project) from e
        state: Literal["deleted", "absent"]
        try:
            self.agents_client.delete_data_agent_sync(name=agent_name, timeout=CALL_TIMEOUT_S)
            state = "deleted"
        except gexc.NotFound:
            state = "absent"
        except _API_ERRORS as e:
            raise map_error(e, "delete the data agent", self.settings.project) from e
        return AgentDeletion(agent=state, conversations_deleted=deleted)

    # -- chat

    def _ensure_conversation(self, agent: AgentInfo) -> str:
        parent = agent.name.split("/dataAgents/")[0]
        conv_id = conversation_id_for(agent.agent_id)
        name = f"{parent}/conversations/{conv_id}"
        req = gda.CreateConversationRequest(
            parent=parent,
            conversation_id=conv_id,
            conversation=gda.Conversation(
                agents=[agent.name],
                labels={"app": "demoforge", "job_id": label_value(agent.job_id)},
            ),
            request_id=request_id_for(agent.job_id, "conversation", {"agent": agent.name}),
        )
        try:
            created = self.chat_client.create_conversation(request=req, timeout=CALL_TIMEOUT_S)
            return created.name or name
        except _API_ERRORS as e:
            if isinstance(e, gexc.GoogleAPICallError) and _already_exists(e):
                return name  # the test conversation of an earlier delivery: reuse it
            raise map_error(e, "create a conversation", self.settings.project) from e

    def ask(self, agent: AgentInfo, question: str) -> ChatOutcome:
        conversation = self._ensure_conversation(agent)
        parent = agent.name.split("/dataAgents/")[0]
        request = gda.ChatRequest(
            parent=parent,
            messages=[gda.Message(user_message=gda.UserMessage(text=question))],
            conversation_reference=gda.ConversationReference(
                conversation=conversation,
                # Explicitly the published context: what the prospect will talk to.
                data_agent_context=gda.DataAgentContext(
                    data_agent=agent.name,
                    context_version=gda.DataAgentContext.ContextVersion.PUBLISHED,
                ),
            ),
        )
        budget = self.settings.agent_chat_timeout_s
        started = time.monotonic()
        acc = _Accumulator()
        try:
            # The timeout bounds each socket read; the loop bounds the whole answer.
            stream = self.chat_client.chat(request=request, timeout=budget)
            for msg in stream:
                acc.add(msg)
                if time.monotonic() - started > budget:
                    cancel = getattr(stream, "cancel", None)
                    if callable(cancel):
                        cancel()
                    raise TransientError(
                        f"the data agent did not finish answering within {budget:.0f}s"
                    )
        except _API_ERRORS as e:
            raise map_error(e, "chat with the data agent", self.settings.project) from e
        except ValueError as e:
            # api_core's stream parser raises ValueError on a truncated JSON array: the
            # connection dropped mid-answer, which is worth another delivery.
            raise TransientError(f"the data agent's answer stream was cut off: {e}") from e
        return acc.outcome(question, conversation, time.monotonic() - started)


class _Accumulator:
    """Reduces the streamed ``Message``s to what the verdict needs."""

    def __init__(self) -> None:
        self.final: list[str] = []
        self.other_text: list[str] = []
        self.sql = ""
        self.columns: list[str] = []
        self.rows: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.count = 0

    def add(self, msg: gda.Message) -> None:
        self.count += 1
        sm = msg.system_message
        kind = gda.SystemMessage.pb(sm).WhichOneof("kind")
        if kind == "text":
            parts = "".join(sm.text.parts)
            if sm.text.text_type == gda.TextMessage.TextType.FINAL_RESPONSE:
                self.final.append(parts)
            elif sm.text.text_type in (
                gda.TextMessage.TextType.TEXT_TYPE_UNSPECIFIED,
            ):
                self.other_text.append(parts)  # older API versions leave the type unset
        elif kind == "data":
            dkind = gda.DataMessage.pb(sm.data).WhichOneof("kind")
            if dkind == "generated_sql":
                self.sql = sm.data.generated_sql
            elif dkind == "result":
                pb = gda.DataMessage.pb(sm.data).result
                self.columns = [f.name for f in pb.schema.fields]
                self.rows = [
                    json_format.MessageToDict(row) for row in list(pb.data)[:_MAX_ROWS]
                ]
        elif kind == "error":
            self.errors.append(sm.error.text)
        elif kind == "analysis":
            ev = sm.analysis.progress_event
            if ev.error or ev.execution_error:
                self.errors.append(ev.error or ev.execution_error)

    def outcome(self, question: str, conversation: str, seconds: float) -> ChatOutcome:
        text = "".join(self.final) or "".join(self.other_text)
        return ChatOutcome(
            mode="cloud",
            question=question,
            conversation=conversation,
            final_text=text[:_MAX_TEXT],
            generated_sql=self.sql,
            columns=self.columns,
            rows=self.rows,
            errors=self.errors,
            message_count=self.count,
            seconds=seconds,
        )
