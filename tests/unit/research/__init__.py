"""Unit tests for the research phase: SSRF checks, extraction, analysis, crawl, cache, phase body."""
