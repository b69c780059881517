"""CLI sub-commands, one module each (see ``demoforge.cli``)."""
