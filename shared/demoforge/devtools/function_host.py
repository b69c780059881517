"""``python -m demoforge.devtools.function_host --target ... --source ...``: what
``demoforge up`` runs for each function — functions-framework, as ``python -m
functions_framework`` would, with the process's log lines (INFO and up, timestamped)
written unbuffered to stdout, which the stack sends to the function's log file. (Cloud
Functions captures stdout and stderr the same way; locally nothing else would set
logging up, and INFO lines such as each delivery's outcome were dropped.)
"""

from __future__ import annotations

import logging
import runpy
import sys


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, force=True,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.argv[0] = "functions-framework"
    runpy.run_module("functions_framework", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
