"""Developer tools: the local emulator stack, the local BigQuery server, packaging and the
bundled sample sites. Used by the CLI and tests; kept out of the Cloud Function zips."""
