"""What a phrase builder is given and must produce, the same for every language.

An ``Ask`` is a question in structured form (its metric's and dimensions' words, grain,
cycle, restrictions, limit); the ``*Facts`` are what an executed result showed, values
already formatted in the locale. ``Phrasebook`` is the interface each language implements
(``en``, ``de``, ``fr``, ``es``): questions, answers, and the sentences of the demo script
and the agent's instruction. Builders put words together with their own grammar; they
never receive a sentence to fill in.
"""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Literal

from demoforge.language import lexicon
from demoforge.language.formatting import Formatter
from demoforge.language.kpi_names import kpi_name
from demoforge.language.scripts import script_text
from demoforge.language.words import DimensionWords, MetricKind, MetricWords

# How a vocabulary entry's kind is put as a KPI name: things are counted, a quantity too.
_KPI_KIND: dict[str, MetricKind] = {"entity": "count", "quantity": "count", "rate": "rate", "amount": "amount",
                                    "average": "average", "duration": "average", "score": "average"}

QuestionKind = Literal["total", "trend", "ranking", "share", "growth", "cycle", "top_per_group", "breakdown"]


@dataclasses.dataclass(frozen=True)
class Where:
    dim: DimensionWords
    value: str  # the member as stored in the data ("Northeast", "Hiking boots")


@dataclasses.dataclass(frozen=True)
class Ask:
    kind: QuestionKind
    metric: MetricWords
    dims: tuple[DimensionWords, ...] = ()  # top_per_group: (child, parent)
    grain: str | None = None  # day | week | month | quarter | year
    cycle: str | None = None  # month_of_year | day_of_week
    where: tuple[Where, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None  # exclusive
    limit: int | None = None
    lowest: bool = False
    variant: int = 0


@dataclasses.dataclass(frozen=True)
class Period:
    start: dt.date
    grain: str


@dataclasses.dataclass(frozen=True)
class TotalFacts:
    value: str
    amount: float  # the raw number (plural choice for counts)
    start: dt.date | None = None
    end: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class TrendFacts:
    first: tuple[Period, str]
    last: tuple[Period, str]
    peak: tuple[Period, str]
    n: int
    change: float | None  # last vs first, relative

    @property
    def peak_at(self) -> str | None:
        """"first" or "last" when the peak is the first or the last period (then the
        sentence names it so instead of repeating the period), else None."""
        if self.n < 2:
            return None
        if self.peak[0] == self.first[0]:
            return "first"
        return "last" if self.peak[0] == self.last[0] else None


@dataclasses.dataclass(frozen=True)
class RankingFacts:
    top: str
    top_value: str
    second: str | None
    second_value: str | None
    ratio: float | None  # top / second
    n: int


@dataclasses.dataclass(frozen=True)
class ShareFacts:
    top: str
    top_share: str
    top3_share: str | None
    n: int


@dataclasses.dataclass(frozen=True)
class GrowthFacts:
    """The last twelve months against the twelve before, per member."""

    best: str
    best_change: str
    worst: str | None
    worst_change: str | None
    n: int


@dataclasses.dataclass(frozen=True)
class CycleFacts:
    peak: str  # month or weekday name
    peak_value: str
    low: str
    low_value: str
    ratio: float | None


@dataclasses.dataclass(frozen=True)
class TopPerGroupFacts:
    pairs: tuple[tuple[str, str, str], ...]  # (group, winner, value)
    n: int


@dataclasses.dataclass(frozen=True)
class BreakdownFacts:
    latest: Period
    top: str
    top_value: str
    first: Period
    grower: str | None
    growth: str | None

    @property
    def all_fell(self) -> bool:
        """The best change is a fall ("−5,1 %"): the answer says who fell least, not who grew."""
        return bool(self.growth) and str(self.growth).lstrip().startswith(("−", "-"))


Facts = TotalFacts | TrendFacts | RankingFacts | ShareFacts | GrowthFacts | CycleFacts | TopPerGroupFacts | BreakdownFacts


@dataclasses.dataclass(frozen=True)
class Drop:
    """A KPI the data cannot compute, named in the presenter's notes."""

    kpi: str


class Phrasebook(abc.ABC):
    """One language's questions, answers and script sentences."""

    code: str

    def __init__(self, fmt: Formatter) -> None:
        self.fmt = fmt

    @staticmethod
    def _suffix(parts: list[str]) -> str:
        """A question's restrictions as a suffix (" in Bavaria for Premium"), or nothing;
        each language words the parts, the joining is the same everywhere."""
        return (" " + " ".join(parts)) if parts else ""

    # --- questions ---------------------------------------------------------------------
    def question(self, a: Ask) -> str:
        method = getattr(self, f"q_{a.kind}")
        return str(method(a))

    @abc.abstractmethod
    def q_total(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_trend(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_ranking(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_share(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_growth(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_cycle(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_top_per_group(self, a: Ask) -> str: ...
    @abc.abstractmethod
    def q_breakdown(self, a: Ask) -> str: ...

    # --- answers -----------------------------------------------------------------------
    def answer(self, a: Ask, facts: Facts) -> str:
        method = getattr(self, f"a_{a.kind}")
        return str(method(a, facts))

    @abc.abstractmethod
    def a_total(self, a: Ask, f: TotalFacts) -> str: ...
    @abc.abstractmethod
    def a_trend(self, a: Ask, f: TrendFacts) -> str: ...
    @abc.abstractmethod
    def a_ranking(self, a: Ask, f: RankingFacts) -> str: ...
    @abc.abstractmethod
    def a_share(self, a: Ask, f: ShareFacts) -> str: ...
    @abc.abstractmethod
    def a_growth(self, a: Ask, f: GrowthFacts) -> str: ...
    @abc.abstractmethod
    def a_cycle(self, a: Ask, f: CycleFacts) -> str: ...
    @abc.abstractmethod
    def a_top_per_group(self, a: Ask, f: TopPerGroupFacts) -> str: ...
    @abc.abstractmethod
    def a_breakdown(self, a: Ask, f: BreakdownFacts) -> str: ...

    # --- what every builder offers the script and the report ----------------------------
    @abc.abstractmethod
    def metric_name(self, m: MetricWords, *, capital: bool = False) -> str:
        """The metric as a heading or list item ("Cancellation rate", "Number of orders")."""

    @abc.abstractmethod
    def metric_phrase(self, m: MetricWords) -> str:
        """The metric in running text, with its article where the language needs one
        ("the number of customers", "die Zahl der Kunden", "le nombre de clients"): the
        script's sentences name it, never stack it after a word like "Kennzahl"."""

    @abc.abstractmethod
    def dimension_name(self, d: DimensionWords, *, plural: bool = False, capital: bool = False) -> str: ...

    def of_name(self, name: str) -> str:
        """A name as owner or source ("Alpine Outfitters'", "d'Alpine Outfitters"), as the
        script's ``{of_company}`` reads it."""
        return name

    def quote(self, text: str) -> str:
        """A phrase quoted as found (a KPI research named that the vocabulary lacks)."""
        return f"“{text}”"

    def kpi_name(self, kpi: str) -> str:
        """A KPI research or the spec named, in the job's language: the trade's name for it,
        else the vocabulary's word for its concept, else the phrase quoted as found."""
        name = kpi_name(kpi, self.code)
        if name is not None:
            return name
        e = lexicon.lookup(kpi)
        if e is not None:
            kind = _KPI_KIND[e.kind]
            noun = e.words[self.code] if self.code in e.words else e.words["en"]
            return self.metric_name(MetricWords(noun=noun.as_number("pl") if kind == "count" else noun, kind=kind))
        return self.quote(kpi.strip())

    @abc.abstractmethod
    def period_name(self, p: Period) -> str:
        """"March 2025", "1. Quartal 2025"."""

    def text(self, key: str, **values: object) -> str:
        """A fixed sentence of the script or report (``scripts.TEXTS``), with values; in the
        singular when the count it names (``n``, ``passed``, ``arcs``) is one."""
        count = next((v for k in ("n", "passed", "arcs") if isinstance(v := values.get(k), int | float)), None)
        return script_text(self.code, key, one=count is not None and self.fmt.is_one(count),
                           **self.script_values(values))

    def script_values(self, values: dict[str, object]) -> dict[str, object]:
        """The values a script sentence can use besides those given: ``of_company`` (the
        company as owner, in the language's form), when ``company`` is given."""
        if isinstance(company := values.get("company"), str):
            return {"of_company": self.of_name(company), **values}
        return values

    def listing(self, items: Sequence[str]) -> str:
        return self.fmt.join(list(items))


def span_kind(since: dt.date, until: dt.date | None) -> str:
    """"month" or "quarter" when [since, until) is exactly one, else "range" (or "since")."""
    if until is None:
        return "since"
    months = (until.year - since.year) * 12 + until.month - since.month
    if since.day == 1 and until.day == 1:
        if months == 1:
            return "month"
        if months == 3 and since.month in (1, 4, 7, 10):
            return "quarter"
    return "range"


def last_day(until: dt.date) -> dt.date:
    return until - dt.timedelta(days=1)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def capitalise(text: str) -> str:
    """First letter upper case (sentence start), the rest as written."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
    return text
