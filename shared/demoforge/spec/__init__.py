"""The dataset spec: the typed model of tables, columns, generators, glossary, planted
stories and golden queries, with its validation. Written by modeling, read by warehouse,
content and agent."""
