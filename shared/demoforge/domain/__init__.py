"""The domain layer: the job document and its transitions, phases, events, errors,
naming rules and the typed results phases hand to each other. Imports nothing but
the standard library and pydantic."""
