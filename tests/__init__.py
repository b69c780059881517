"""Demoforge's test suite: unit (fakes), integration (real emulators and local servers), e2e."""
