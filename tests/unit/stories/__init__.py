"""Tests of the story library."""
