"""Run INSIDE one function's venv (not collected by pytest): load the unpacked zip the way
the platform does, then everything the function can load later, and print JSON.

argv[1]: a JSON object ``{src, target, signature, imports, services}``; ``imports`` is a
list of ``[module, [names]]`` (``from module import names``; no names: ``import module``).

``cold_s`` = import functions_framework + create_app (which imports main.py and the
demoforge package from the zip), in this fresh interpreter. Then, timed as
``first_event_s`` because it lands on the first request or event rather than on the
import: every module of the function's import graph and every third-party name those
modules import (lazy imports inside functions included), and each service the function
uses, built by bootstrap with the deployed (cloud) settings. Failures are reported, not
raised, so the test can name all of them.
"""

import importlib
import json
import sys
import time

spec = json.loads(sys.argv[1])
src, target, signature = spec["src"], spec["target"], spec["signature"]
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
import_errors = {}
service_errors = {}
services = {}
t3 = time.perf_counter()
for mod, names in spec["imports"]:
    # As `from mod import a, b` does: a name is an attribute of mod or its submodule.
    try:
        m = importlib.import_module(mod)
        for n in names:
            if n != "*" and not hasattr(m, n):
                importlib.import_module(f"{mod}.{n}")
    except ImportError as exc:  # reported to the test, which fails on it (others crash it)
        import_errors[f"{mod} {names}"] = f"{type(exc).__name__}: {exc}"
if not import_errors:
    from demoforge.bootstrap import build

    deps = build()
    for name in spec["services"]:
        try:
            services[name] = type(getattr(deps, name)).__module__
        except ImportError as exc:
            service_errors[name] = f"{type(exc).__name__}: {exc}"
t4 = time.perf_counter()
print(json.dumps({
    "framework_s": t1 - t0,
    "main_s": t2 - t1,
    "cold_s": t2 - t0,
    "first_event_s": t4 - t3,
    "import_errors": import_errors,
    "service_errors": service_errors,
    "services": services,
    "demoforge_file": demoforge.__file__,
    "entry_callable": callable(entry),
    "app": type(app).__name__,
    "heavy_at_import": loaded_at_import,
    "modules": len(sys.modules),
}))
