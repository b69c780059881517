"""Test support shared across areas: local servers that speak real wire formats."""
