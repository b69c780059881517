"""LLM prompts, one module per phase. Kept apart from the code that calls the model so
they can be reviewed (and diffed) as text."""
