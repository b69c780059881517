"""Benchmark: offline industry analysis on labelled real pages.

Runs extraction + the offline analyser over ``../shared/sites/dev/*.html`` (labels in
``labels.json``; see that folder's README) and prints top-1 and top-3 accuracy, mean
time per page, confidence calibration, and two baselines measured in the same run:

- majority class: always answer the most frequent label of the set;
- naive keywords: bare ``get_text()`` of the page, count occurrences of the words in each
  industry's own name ("retail", "ecommerce", "software", ...), pick the largest.

Every figure is also given per half of a fixed split by file-name hash (``halves``), and
calibration as the issue states it: right when answered without asking (confidence at or
above the threshold), the right industry among the candidates offered when asking, and
``other`` never first when any industry has evidence. The leave-one-out line refits the
one fitted part, how the profile's company name counts (``NAME_GRID``), on the other pages
for each page; the lexicon and the other constants were written by hand and are not
refitted, so no figure here is a held-out figure.

Usage: ``uv run python bench/research_accuracy.py [--sites DIR] [--verbose]``.
Exit status 0 even below target: a benchmark reports, it does not gate.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from demoforge.adapters.fetcher import decode_html
from demoforge.domain.job import INDUSTRIES
from demoforge.research.extract import PageExtract, extract
from demoforge.research.offline import FIELD_WEIGHTS, analyse, industry_of, score_pages

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SITES = REPO.parent / "shared" / "sites" / "dev"
TARGET = 0.90  # issue 11: held-out top-1 (these are dev pages, so this is not that figure)
_TLDS = {"com", "de", "fr", "ch", "it", "se", "net", "org", "info", "uk", "au", "at", "nl", "es", "io", "eu"}


def page_url(name: str, html: str) -> str:
    """The page's own canonical/og:url when it states one, else a URL rebuilt from the
    file name (``<host>.<slug>.html``), since in production the URL is always known."""
    soup = BeautifulSoup(html[:200_000], "lxml")
    for tag, attr, key in (("link", "rel", "canonical"), ("meta", "property", "og:url")):
        el = soup.find(tag, attrs={attr: key})
        if el is not None:
            href = str(el.get("href") or el.get("content") or "")
            if href.startswith(("http://", "https://")):
                return href
    parts = name.removesuffix(".html").split(".")
    tld_at = max((i for i, p in enumerate(parts) if p in _TLDS and i > 0), default=-1)
    if tld_at < 0:
        return f"https://{parts[0]}.example/{'/'.join(parts[1:])}"
    host = ".".join(parts[: tld_at + 1])
    return f"https://{host}/{urllib.parse.quote('/'.join(parts[tld_at + 1:]))}"


def halves(files: list[str]) -> dict[str, str]:
    """A fixed split of the pages into halves "A" and "B": ordered by the SHA-256 of the
    file name, the first half (rounded up) is A. Independent of labels and of the code, so
    a rule written while looking at one half can be checked on the other."""
    ordered = sorted(files, key=lambda f: hashlib.sha256(f.encode()).hexdigest())
    cut = (len(ordered) + 1) // 2
    return {f: "A" if i < cut else "B" for i, f in enumerate(ordered)}


# How the profile's company name counts as industry evidence: (field weight, bonus for a
# strong term in it). (0, 0) is "not at all"; the shipped values are one of the grid's.
NAME_GRID: list[tuple[float, float]] = [(w, b) for w in (0.0, 3.0) for b in (0.0, 6.0, 12.0, 18.0)]


def name_grid(pages: list[PageExtract], company: str) -> dict[tuple[float, float], str]:
    """The industry the analyser answers for each ``NAME_GRID`` setting."""
    out = {}
    for w, b in NAME_GRID:
        scores = score_pages(pages, name=company, weights={**FIELD_WEIGHTS, "name": w}, name_bonus=b)
        out[(w, b)] = industry_of(scores)[0]
    return out


def leave_one_out(rows: list[dict[str, Any]]) -> tuple[float, collections.Counter[tuple[float, float]]]:
    """Top-1 accuracy when each page is answered with the ``NAME_GRID`` setting that does
    best on the other pages (ties to the weaker setting), and how often each was chosen."""
    right, chosen = 0, collections.Counter[tuple[float, float]]()
    for i, r in enumerate(rows):
        others = rows[:i] + rows[i + 1:]
        best = max(NAME_GRID, key=lambda cfg: (sum(o["grid"][cfg] == o["label"] for o in others), -cfg[1], -cfg[0]))
        chosen[best] += 1
        right += r["grid"][best] == r["label"]
    return right / max(1, len(rows)), chosen


def calibration(rows: list[dict[str, Any]], threshold: float) -> dict[str, Any]:
    n = len(rows)
    confident = [r for r in rows if r["conf"] >= threshold]
    asked = [r for r in rows if r["conf"] < threshold]
    return {
        "n": n, "top1": sum(r["pred"] == r["label"] for r in rows) / max(1, n),
        "top3": sum(r["label"] in r["top3"] for r in rows) / max(1, n),
        "confident": len(confident), "confident_right": sum(r["pred"] == r["label"] for r in confident),
        "asked": len(asked), "asked_offered": sum(r["label"] in r["top3"] for r in asked),
        "other_first": sum(bool(r["top3"]) and (r["pred"] == "other" or r["top3"][0] == "other") for r in rows),
        "mean_conf": statistics.mean(r["conf"] for r in rows) if rows else 0.0,
    }


def naive_keywords(html: str) -> str:
    text = BeautifulSoup(html, "lxml").get_text(" ").lower()
    best, best_n = "other", 0
    for industry in INDUSTRIES:
        if industry == "other":
            continue
        n = sum(len(re.findall(rf"\b{re.escape(w)}", text)) for w in industry.split("_"))
        if n > best_n:
            best, best_n = industry, n
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=Path, default=DEFAULT_SITES)
    ap.add_argument("--threshold", type=float, default=0.7, help="confidence threshold for 'asks a person'")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    labels_path = args.sites / "labels.json"
    if not labels_path.is_file():
        print(f"no labelled pages at {args.sites} (expected labels.json); nothing to measure")
        return 0
    labels: list[dict[str, Any]] = json.loads(labels_path.read_text())
    majority = collections.Counter(x["industry"] for x in labels).most_common(1)[0][0]

    rows = []
    times: list[float] = []
    crashes = 0
    for item in labels:
        raw = (args.sites / item["file"]).read_bytes()
        html, _ = decode_html(raw, None)
        url = page_url(item["file"], html)
        t0 = time.perf_counter()
        try:
            pages = [extract(html, url)]
            result = analyse(pages)
        except Exception as e:  # noqa: BLE001 - a benchmark counts crashes instead of stopping
            crashes += 1
            print(f"CRASH {item['file']}: {e!r}", file=sys.stderr)
            continue
        times.append(time.perf_counter() - t0)
        top3 = [c for c, _ in result.candidates]
        # Ablation: the same page with no URL cue (what the analyser gets from content alone).
        no_url = analyse([extract(html, "https://example.com/")]).industry
        rows.append({
            "file": item["file"], "label": item["industry"], "pred": result.industry,
            "conf": result.confidence, "top3": top3, "naive": naive_keywords(html),
            "no_url": no_url, "language": item.get("language", "?"),
            "grid": name_grid(pages, result.company_name),
        })
    half = halves([r["file"] for r in rows])

    n = len(labels)
    correct = [r["pred"] == r["label"] for r in rows]
    acc = sum(correct) / n
    top3_acc = sum(r["label"] in r["top3"] for r in rows) / n
    naive_acc = sum(r["naive"] == r["label"] for r in rows) / n
    majority_acc = sum(x["industry"] == majority for x in labels) / n
    confident = [r for r in rows if r["conf"] >= args.threshold]
    conf_acc = sum(r["pred"] == r["label"] for r in confident) / len(confident) if confident else float("nan")
    mean_conf = statistics.mean(r["conf"] for r in rows) if rows else 0.0

    if args.verbose:
        for r in rows:
            mark = "ok " if r["pred"] == r["label"] else "XX "
            print(f"{mark}{r['file'][:44]:44} {r['label']:24} -> {r['pred']:24} {r['conf']:.2f}  top3={r['top3']}")
        print()
    print(f"pages: {n} ({args.sites})   crashes: {crashes}")
    print(f"offline analyser   top-1 accuracy: {acc:.1%}   top-3: {top3_acc:.1%}   (held-out target {TARGET:.0%})")
    print(f"baseline naive keyword count       top-1 accuracy: {naive_acc:.1%}")
    print(f"baseline majority class ({majority}) top-1 accuracy: {majority_acc:.1%}")
    print(f"mean time per page (extract + analyse): {statistics.mean(times) * 1000:.0f} ms"
          f"   (max {max(times) * 1000:.0f} ms)" if times else "no timings")
    print(f"ablation without URL cues          top-1 accuracy: {sum(r['no_url'] == r['label'] for r in rows) / n:.1%}")
    by_lang = collections.defaultdict(list)
    for r in rows:
        by_lang[r["language"]].append(r["pred"] == r["label"])
    print("by language: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_lang.items())))
    print(f"confidence: mean {mean_conf:.2f} vs accuracy {acc:.2f};  "
          f">= {args.threshold}: {len(confident)}/{n} pages answered without asking, {conf_acc:.1%} of them right")
    print(f"{'':10} {'pages':>5} {'top-1':>7} {'top-3':>7} {'right when sure':>16} {'offered when asking':>20} "
          f"{'other first':>12} {'mean conf':>10}")
    for name, subset in (("all", rows), ("half A", [r for r in rows if half[r["file"]] == "A"]),
                         ("half B", [r for r in rows if half[r["file"]] == "B"])):
        c = calibration(subset, args.threshold)
        print(f"{name:10} {c['n']:5d} {c['top1']:7.1%} {c['top3']:7.1%} "
              f"{c['confident_right']:>9d}/{c['confident']:<6d} {c['asked_offered']:>12d}/{c['asked']:<7d} "
              f"{c['other_first']:12d} {c['mean_conf']:10.2f}")
    loo, chosen = leave_one_out(rows)
    print(f"leave-one-out (company-name evidence refitted per page): top-1 {loo:.1%};  settings chosen "
          f"(weight, bonus): {dict(chosen)};  without it at all: "
          f"{sum(r['grid'][(0.0, 0.0)] == r['label'] for r in rows) / max(1, len(rows)):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
