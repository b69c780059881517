"""A bundled sample's demo in German, French or Spanish carries no English word in its
script, questions and answers but the prospect's own data (offerings, places, category
codes as stored) and the words the language shares with English (Segment, BigQuery, SQL):
every sample is run once, each in another of the three languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from demoforge.domain.industries import REGISTRY
from demoforge.language import lexicon
from demoforge.language.kpi_names import NAMES
from demoforge.language.scripts import TEXTS
from tests.e2e.test_prospect_demos import demoforge

pytestmark = pytest.mark.e2e

_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_ENTRIES = lexicon.entries()
_LANGS = ("de", "fr", "es")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


def _vocabulary(lang: str) -> set[str]:
    """The words the product writes in ``lang``: its sentences, its nouns, its KPI names."""
    out = set().union(*(_words(t) for t in TEXTS[lang].values()))
    for e in _ENTRIES:
        n = e.words[lang]
        out |= _words(f"{n.sg} {n.pl} {n.gen_sg or ''} {n.adj or ''}")
    if lang != "en":
        out |= set().union(*(_words(names[_LANGS.index(lang)]) for names in NAMES.values()))
    else:
        out |= set().union(*(_words(k) for ind in REGISTRY.values() for k in ind.kpis))
    return out


def _data_words(out: Path) -> set[str]:
    """Every word of the prospect's own data and research: shown as stored, in any language."""
    words: set[str] = set()
    for f in (out / "data").glob("*.parquet"):
        table = pq.read_table(f)
        for name in table.column_names:
            if str(table.schema.field(name).type) in ("string", "large_string"):
                words |= set().union(*(_words(str(v)) for v in table.column(name).to_pylist() if v))
    job = json.loads((out / "job.json").read_text())
    return words | _words(json.dumps(job["results"].get("research", {})))


@pytest.mark.parametrize(("name", "lang"), [("alpine-outfitters", "de"), ("ledgerly", "fr"), ("nordvik-clinic", "es")])
def test_a_samples_demo_in_the_language_carries_no_english(name: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    proc = demoforge("run", "--sample", name, "--language", lang, "--rows", "6000", "--out", str(out), "--quiet",
                     home=tmp_path / "home")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    golden = json.loads((out / "golden_queries.json").read_text())
    text = " ".join([(out / "demo_script.md").read_text(), *(q["question"] + " " + q["answer"] for q in golden)])
    # The dataset's id (`demoforge-local.demo_ledgerly_…`) is a name, not words of a sentence.
    text = re.sub(r"`[^`]*`", " ", text)
    english = (_words(text) & _vocabulary("en")) - _vocabulary(lang) - _data_words(out)
    assert english == set()
    assert "Kennzahl Zahl" not in text and "Conversion rate" not in text
