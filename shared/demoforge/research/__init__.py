"""Research: read a prospect's website like an analyst.

- ``crawl``: the home page plus a few same-site pages chosen by link text/URL, fetched
  concurrently through the ``Fetcher`` port (SSRF-safe adapter) with a per-host limit.
- ``extract``: main text (trafilatura) and structured signals (title, meta description,
  OpenGraph, JSON-LD schema.org types, nav/footer link texts, language).
- ``offline``: a deterministic analyser over those signals (multilingual lexicons,
  JSON-LD types, URL/title cues) with a calibrated confidence and top candidates.
- ``claude``: the same task through the ``LLM`` port, output validated as
  ``ResearchResult``; page content is passed as delimited untrusted data.
- ``cache``: extracted pages per normalised URL in the job store's TTL cache.
"""
