"""The data agent: its definition (system instruction, table references, example queries,
glossary, options), the typed values the ``DataAgents`` port exchanges, and the verdict
on its answer to a golden question. Pure code: the SDK lives in the adapters."""
