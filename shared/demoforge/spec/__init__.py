"""The dataset spec: the typed model of tables, columns, generators, glossary, planted
stories and golden queries, with its validation. Written by modeling, read by warehouse,
content and agent.

Modules, each importing only those above it: ``base`` (strict model base, BigQuery types),
``generators`` and ``tables`` (the parts), ``expressions`` (the derived-expression language:
parsed, checked and evaluated), ``graph`` (table and column order, cycles), ``planning``
(row counts, children per parent), ``issues`` (structured ``SpecIssue``), ``column_rules``
and ``validate`` (the rules), and ``model`` (``DatasetSpec``, the one import point for spec
types). Importing it needs pydantic only, not numpy."""
