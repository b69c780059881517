"""Content phase building blocks: golden-query validation, answers, demo script, report.

Everything here works from executed results: a number that appears in the demo script,
the Q&A pairs or the report was read from the warehouse, never invented.
"""
