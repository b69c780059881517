"""Benchmark: the prospect profile against hand-labelled pages, beside today's extractor.

Runs extraction and the offline profile over ``../shared/sites/dev/*.html`` (labels in
``profiles.json``, one object per page of ``labels.json``; see that folder's README) and,
in the same run, the analyser as it was before the profile (frozen in ``legacy_analyse``:
products with navigation filler and the filter of that time (frozen in
``legacy_products``), company from JSON-LD/og/title,
no country or currency, so every demo was placed in the US and in USD). Prints per
measure before and after:

- offerings recall: labelled offerings found among the profile's offerings (micro over
  all labelled offerings, and the mean per page); a name matches when, case- and
  punctuation-folded, it equals the label or one contains the other and the shorter is
  at least half the longer;
- furniture: labelled furniture strings (navigation, legal, account ...) that became
  offerings (folded equality);
- company name (folded, one contains the other), currency, country, language accuracy;
- company name (exact): folded equality, spaces and a legal suffix (GmbH, AG, Inc ...)
  aside, so a tagline around the brand ("ToledoCars.com -- Price Quotes") counts wrong;
- both company measures again with the page served from ``127.0.0.1`` (as in a dev run
  of ``demoforge run http://127.0.0.1:8765/<file>``): no domain to match the name with.

Usage: ``uv run python bench/research_profile.py [--sites DIR] [--verbose]``. Exit 0 even
below target: a benchmark reports, it does not gate.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from demoforge.adapters.fetcher import decode_html
from demoforge.domain.results import ResearchResult
from demoforge.research.extract import PageExtract, extract
from demoforge.research.offline import analyse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import legacy_analyse
import legacy_extract
from research_accuracy import halves, page_url

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SITES = REPO.parent / "shared" / "sites" / "dev"
TARGETS = {"offerings recall": 0.7, "furniture as offerings": 0, "company name": 0.85, "currency": 0.95,
           "country": 0.9, "language": 1.0}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[™®©*\"'’“”„()\[\]:;,.!?/|–—-]+", " ", s)
    return " ".join(s.split())


def name_match(pred: str, label: str) -> bool:
    a, b = fold(pred), fold(label)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and short in long_ and len(short) / len(long_) >= 0.5


def company_match(pred: str, label: str) -> bool:
    # Spaces folded too: "LV CC" is the name "LVCC" written apart.
    a, b = fold(pred).replace(" ", ""), fold(label).replace(" ", "")
    return bool(a and b) and len(min(a, b, key=len)) >= 3 and (a in b or b in a)


_LEGAL = re.compile(r"\b(?:gmbh(?: & co kg)?|ag|kg|ug|e v|ev|se|ltd|limited|llc|inc|corp|corporation|sas|sarl|"
                    r"srl|spa|bv|nv|ab|oy|a s|aps|plc|pty ltd)$")


def company_exact(pred: str, label: str) -> bool:
    def norm(x: str) -> str:
        return _LEGAL.sub("", fold(x)).replace(" ", "")
    return bool(norm(label)) and norm(pred) == norm(label)


def score(result: ResearchResult, label: dict[str, Any], *, legacy: bool) -> dict[str, Any]:
    names = result.products_services if legacy else [o.name for o in result.offerings]
    found = [o for o in label["offerings"] if any(name_match(n, o) for n in names)]
    furniture = {fold(f) for f in label["furniture"]}
    as_offerings = [n for n in names if fold(n) in furniture]
    currency = "USD" if legacy else result.currency  # the old path had none: demos were in USD
    country = "US" if legacy else result.country  # ... and in US cities
    return {
        "offerings": len(label["offerings"]), "found": len(found), "furniture": as_offerings,
        "company": company_match(result.company_name, label["company_name"]),
        "company_exact": company_exact(result.company_name, label["company_name"]),
        "currency": currency == label["currency"], "country": country == label["country"],
        "language": result.language == label["language"], "names": names, "pred_company": result.company_name,
        "pred_currency": currency, "pred_country": country, "pred_language": result.language,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
    n = len(rows)
    return {
        "offerings recall": sum(r["found"] for r in rows) / max(1, sum(r["offerings"] for r in rows)),
        "offerings recall (mean per page)": statistics.mean(r["found"] / r["offerings"] for r in rows if r["offerings"]),
        "furniture as offerings": sum(len(r["furniture"]) for r in rows),
        "company name": sum(r["company"] for r in rows) / n,
        "company name (exact)": sum(r["company_exact"] for r in rows) / n,
        "company, served from 127.0.0.1": sum(r["served_company"] for r in rows) / n,
        "company (exact), from 127.0.0.1": sum(r["served_exact"] for r in rows) / n,
        "currency": sum(r["currency"] for r in rows) / n,
        "country": sum(r["country"] for r in rows) / n,
        "language": sum(r["language"] for r in rows) / n,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=Path, default=DEFAULT_SITES)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    labels_path, profiles_path = args.sites / "labels.json", args.sites / "profiles.json"
    if not profiles_path.is_file():
        print(f"no labelled profiles at {args.sites} (expected profiles.json); nothing to measure")
        return 0
    files = [x["file"] for x in json.loads(labels_path.read_text())]
    profiles: list[dict[str, Any]] = json.loads(profiles_path.read_text())
    before, after, times = [], [], []
    half = halves(files)
    for file, label in zip(files, profiles, strict=True):
        assert label.get("file", file) == file, (file, label.get("file"))
        html, _ = decode_html((args.sites / file).read_bytes(), None)
        url = page_url(file, html)
        t0 = time.perf_counter()
        page = extract(html, url)
        new = analyse([page])
        times.append(time.perf_counter() - t0)
        # Today's path end to end: the old extraction, then the old analyser.
        old_pages = [PageExtract.model_validate(legacy_extract.extract(html, url).model_dump())]
        # ... with the product list and filter of that time (frozen in legacy_products).
        old = legacy_analyse.analyse(old_pages)
        b, a = score(old, label, legacy=True), score(new, label, legacy=False)
        # The same page as a dev run serves it: no domain in the URL.
        served_url = f"http://127.0.0.1:8765/{file}"
        served = analyse([extract(html, served_url)]).company_name
        served_old = legacy_analyse.analyse(
            [PageExtract.model_validate(legacy_extract.extract(html, served_url).model_dump())]).company_name
        for row, name in ((a, served), (b, served_old)):
            row["served_company"] = company_match(name, label["company_name"])
            row["served_exact"] = company_exact(name, label["company_name"])
            row["pred_served"] = name
        a["half"] = half[file]
        before.append(b)
        after.append(a)
        if args.verbose:
            print(f"== {file}: company {a['pred_company']!r} ({'ok' if a['company'] else 'want ' + label['company_name']!r}) "
                  f"{a['pred_country']}/{a['pred_currency']}/{a['pred_language']} "
                  f"(want {label['country']}/{label['currency']}/{label['language']}) "
                  f"offerings {a['found']}/{a['offerings']} (before {b['found']}); "
                  f"from 127.0.0.1 {a['pred_served']!r} ({'ok' if a['served_exact'] else 'not exact'})")
            if a["furniture"]:
                print(f"   FURNITURE: {a['furniture']}")
            missed = [o for o in label["offerings"] if not any(name_match(n, o) for n in a["names"])]
            print(f"   got: {a['names'][:12]}")
            print(f"   missed: {missed[:8]}")
    sb, sa = summarise(before), summarise(after)
    by_half = {h: summarise([r for r in after if r["half"] == h]) for h in ("A", "B")}
    counts = {h: sum(r["half"] == h for r in after) for h in ("A", "B")}
    print(f"pages: {len(files)} ({args.sites}); halves by file-name hash: A {counts['A']}, B {counts['B']}; "
          f"mean extract+profile {statistics.mean(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(f"{'measure':34} {'before':>8} {'after':>8} {'half A':>8} {'half B':>8}   target")
    for k in sa:
        target = TARGETS.get(k)
        fmt = (lambda v: f"{int(v):8d}") if k == "furniture as offerings" else (lambda v: f"{v:8.1%}")
        t = "" if target is None else (f"= {target}" if k == "furniture as offerings" else f">= {target:.0%}")
        print(f"{k:34} {fmt(sb[k])} {fmt(sa[k])} {fmt(by_half['A'][k])} {fmt(by_half['B'][k])}   {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
