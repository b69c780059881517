"""Integration tests for research: SafeFetcher against loopback HTTP(S) servers, the Claude path against FakeAnthropic, the CLI."""
