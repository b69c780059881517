"""``demoforge research URL [--json] [--explain] [--allow-private-network]``: research one
website (crawl, extract, analyse) without running the pipeline, and print the prospect
profile; ``--explain`` adds every accepted offering with its source and every rejected
candidate with the reason.

``--json`` prints exactly the model as JSON on stdout (nothing else), so it pipes into
``jq``. Exit codes: 0 done, 2 refused or unreachable URL (one-line reason on stderr),
1 any other failure (e.g. Claude's answer invalid even after repair).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from demoforge.domain.errors import DemoforgeError, InvalidInput, PermanentError, TransientError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "research",
        help="research a website: industry, products, KPIs (prints the ResearchResult)",
        description="Crawl a prospect's website safely and print what research concludes.",
    )
    p.add_argument("url", help="the prospect's website, e.g. https://example.com")
    p.add_argument("--json", action="store_true", help="print exactly the ResearchResult as JSON")
    p.add_argument(
        "--allow-private-network", action="store_true",
        help="allow private/loopback targets (local testing only; cloud metadata stays refused)",
    )
    p.add_argument("--company-name", default=None, help="use this company name instead of guessing")
    p.add_argument("--explain", action="store_true",
                   help="also print every accepted offering with its source and every rejected candidate with why")
    p.set_defaults(handler=_run)


def _fail(msg: str, code: int) -> int:
    print(f"demoforge research: {' '.join(msg.split())}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace) -> int:
    from demoforge.bootstrap import build
    from demoforge.phases.research import analyse, read_site
    from demoforge.service.jobs import normalise_url
    from demoforge.settings import Settings

    try:
        url = normalise_url(args.url)
    except ValueError as e:
        return _fail(str(e), 2)
    settings = Settings.from_env()
    if args.allow_private_network:
        settings = settings.with_(allow_private_network=True)
    deps = build(settings)
    notes: list[str] = []
    try:
        pages, _ = read_site(deps, url, log=notes.append, use_cache=False)
    except (InvalidInput, TransientError, PermanentError) as e:
        # Refused, unreachable, not HTML, robots.txt says no: the URL is the problem.
        return _fail(e.message, 2)
    try:
        result = analyse(deps, pages, company_name=args.company_name, log=notes.append)
    except DemoforgeError as e:
        return _fail(f"{e.code}: {e.message}", 1)

    if args.json:
        sys.stdout.write(result.model_dump_json() + "\n")
        return 0
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    _print_human(result.model_dump(mode="json"), settings.confidence_threshold)
    if args.explain:
        from demoforge.research.explain import explain_lines

        print("\n".join(["", "explain:", *explain_lines(result)]))
    return 0


def _print_human(r: dict[str, Any], threshold: float) -> None:
    cands = ", ".join(f"{c} {p:.0%}" for c, p in r["candidates"])
    lines = [
        f"company:      {r['company_name']}",
        f"industry:     {r['industry']}  (confidence {r['confidence']:.0%}, {r['source']})",
        f"candidates:   {cands or '-'}",
        f"sub-industry: {r['sub_industry'] or '-'}",
        f"model:        {r['business_model']}",
        f"language:     {r['language']}",
        f"country:      {r.get('country') or '-'}   currency: {r.get('currency') or '-'}   shape: {r.get('shape', '-')}",
        f"products:     {'; '.join(r['products_services']) or '-'}",
        f"entities:     {', '.join(r['key_entities']) or '-'}",
        f"KPIs:         {', '.join(r['kpis']) or '-'}",
        "evidence:",
        *[f"  - \"{e['quote']}\" ({e['source_url']})" for e in r["evidence"]],
        "pages read:",
        *[f"  - {u}" for u in r["pages"]],
    ]
    lines += [f"warning:      {w}" for w in r.get("warnings", [])]
    print("\n".join(lines))
    if r["confidence"] < threshold:
        print(f"(below the {threshold:.0%} threshold: a pipeline run would ask a person to confirm)")
