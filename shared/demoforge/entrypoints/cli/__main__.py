"""``python -m demoforge.entrypoints.cli``: the same command line as ``demoforge``."""

import sys

from demoforge.entrypoints.cli import main

sys.exit(main())
