"""Run INSIDE the function venv (not collected by pytest): load one unpacked function zip
the way the platform does and print timings as JSON.

argv: <unpacked dir> <entry point> <http|cloudevent> [first-event module ...]

``cold_s`` = import functions_framework + create_app (which imports main.py and the
demoforge package from the zip), in this fresh interpreter. ``first_event_s`` = importing
the adapters the function builds lazily on its first request/event (cloud SDK clients);
reported, because it lands on the first request rather than on the import.
"""

import importlib
import json
import sys
import time

src, target, signature = sys.argv[1], sys.argv[2], sys.argv[3]
first_event = sys.argv[4:]
# No sys.path edits: functions_framework appends the source folder itself, as on the
# platform, so `import demoforge` can only resolve to the copy inside the zip.

t0 = time.perf_counter()
import functions_framework  # noqa: E402

t1 = time.perf_counter()
app = functions_framework.create_app(target=target, source=f"{src}/main.py", signature_type=signature)
t2 = time.perf_counter()

import demoforge  # noqa: E402  (already imported by main.py: tells where from)

entry = getattr(sys.modules["main"], target, None)
loaded_at_import = sorted(
    m for m in ("google.cloud.firestore", "google.cloud.pubsub", "google.cloud.bigquery",
                "google.cloud.storage", "google.cloud.geminidataanalytics", "anthropic",
                "duckdb", "pyarrow", "numpy", "faker", "trafilatura", "lxml", "sqlglot")
    if m in sys.modules
)
errors = {}
t3 = time.perf_counter()
for mod in first_event:
    try:
        importlib.import_module(mod)
    except ImportError as exc:  # reported to the test, which fails on it (others crash it)
        errors[mod] = f"{type(exc).__name__}: {exc}"
t4 = time.perf_counter()
print(json.dumps({
    "framework_s": t1 - t0,
    "main_s": t2 - t1,
    "cold_s": t2 - t0,
    "first_event_s": t4 - t3,
    "first_event_errors": errors,
    "demoforge_file": demoforge.__file__,
    "entry_callable": callable(entry),
    "app": type(app).__name__,
    "heavy_at_import": loaded_at_import,
    "modules": len(sys.modules),
}))
