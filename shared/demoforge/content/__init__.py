"""Content phase building blocks: golden questions and their proof, answers, the demo
script, the report.

Everything here works from executed results: a number that appears in the demo script,
the Q&A pairs or the report was read from the warehouse, never invented. For a spec with a
semantic layer, ``questions`` plans the golden questions from the metrics, ``facts`` writes
their answers from the rows, ``checks`` proves each answer against its metric and every
additive metric's consistency, ``kpis`` keeps only computable KPIs, ``generated`` runs it
all, ``talk`` builds the 20-minute talk track and ``translate`` brings any other language
through Claude; ``golden``, ``answers`` and ``script`` serve specs without one.
"""
