"""Golden questions generated from the semantic layer: metric x dimension x grain.

Each candidate question is a ``Plan``: a kind (total, trend, ranking, share, growth,
cycle, top per group, breakdown), a ``MetricQuery`` over the layer's names, a difficulty,
and the story it reveals or drills into. ``plan_questions`` picks a simple -> expert list
in which no two questions share a metric x dimension x grain triple: every planted story's
detection question and its follow-up first, then the most demo-worthy of the rest with the
metrics, kinds and dimensions spread out. ``plan_sql`` writes the SQL, always through
``metric_sql`` (the one place a metric's definition becomes SQL); shares, growth and
per-group winners are window functions over its result.

Time windows come from the data's own coverage: trends stop before a period that is not
complete yet (a half month reads as a collapse), month-of-year questions over additive
metrics use the last 24 complete months (each month counted twice, none three times), and
growth compares the last twelve months with the twelve before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Literal

from demoforge.language import OFFLINE
from demoforge.language.base import QuestionKind
from demoforge.language.words import dimension_words, metric_words
from demoforge.spec.base import Scalar
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import (
    Dimension,
    DimensionFilter,
    Metric,
    MetricQuery,
    SemanticLayer,
    TimeGrain,
    dimension_members,
    query_sql,
    reachable,
    time_source,
)

Difficulty = Literal["simple", "medium", "hard", "expert"]
DIFFICULTIES: tuple[Difficulty, ...] = ("simple", "medium", "hard", "expert")
# Share of the list per difficulty (the rest is filled by what there is).
_QUOTA = {"simple": 0.25, "medium": 0.3, "hard": 0.25, "expert": 0.2}
_DIM_WEIGHT = {"geography": 2.0, "offering": 2.0, "channel": 1.6, "segment": 1.5, "staff": 1.0,
               "status": 0.4, "other": 0.8, "time": 0.0}
_KIND_WEIGHT = {"total": 1.0, "trend": 2.0, "ranking": 2.2, "share": 1.4, "cycle": 1.5,
                "breakdown": 1.1, "growth": 1.4, "top_per_group": 1.6}
RATE_MIN_ROWS = 30  # a rate over fewer rows ranks noise
TOP_N = 10
MAX_GROUPS = 12  # dimensions with more members are ranked top-N, not listed whole


@dataclasses.dataclass(frozen=True)
class Coverage:
    """First and last date of a time source in the loaded data."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


@dataclasses.dataclass(frozen=True)
class Plan:
    kind: QuestionKind
    query: MetricQuery
    difficulty: Difficulty
    lowest: bool = False
    story: str | None = None
    follow_up: bool = False  # drills into the story's finding
    variant: int = 0
    score: float = 0.0
    # growth: (previous window start, current window start, end exclusive)
    windows: tuple[dt.date, dt.date, dt.date] | None = None

    @property
    def triple(self) -> tuple[str, str | None, str | None]:
        metric, dims, grain = self.query.triple
        return (metric, dims, "last_12_months" if self.kind == "growth" else grain)

    @property
    def key(self) -> str:
        return "|".join(str(x) for x in self.triple) + (f"|{self.story}" if self.story else "")


def kind_of(q: MetricQuery) -> QuestionKind:
    """The kind of a plain metric query (what a story check is)."""
    if q.cycle is not None:
        return "cycle"
    if len(q.by) >= 2:
        return "top_per_group"
    if q.by and q.grain is not None:
        return "breakdown"
    if q.by:
        return "ranking"
    if q.grain is not None:
        return "trend"
    return "total"


# --------------------------------------------------------------------------- windows

def _period_start(d: dt.date, grain: str) -> dt.date:
    if grain == "year":
        return dt.date(d.year, 1, 1)
    if grain == "quarter":
        return dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if grain == "month":
        return dt.date(d.year, d.month, 1)
    if grain == "week":
        return d - dt.timedelta(days=d.weekday())
    return d


def _next_start(start: dt.date, grain: str) -> dt.date:
    if grain == "year":
        return dt.date(start.year + 1, 1, 1)
    if grain == "quarter":
        m = start.month + 3
        return dt.date(start.year + (m - 1) // 12, (m - 1) % 12 + 1, 1)
    if grain == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + dt.timedelta(days=7 if grain == "week" else 1)


def complete_until(cov: Coverage, grain: str) -> dt.date | None:
    """Exclusive end that leaves out a last period the data does not cover to its end."""
    start = _period_start(cov.end, grain)
    if _next_start(start, grain) - dt.timedelta(days=1) <= cov.end:
        return None
    return start


def add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def growth_windows(cov: Coverage) -> tuple[dt.date, dt.date, dt.date] | None:
    """(previous start, current start, end exclusive) of two complete 12-month windows."""
    end = complete_until(cov, "month") or add_months(_period_start(cov.end, "month"), 1)
    cur = add_months(end, -12)
    prev = add_months(end, -24)
    return (prev, cur, end) if prev >= _period_start(cov.start, "month") else None


def seasonal_window(cov: Coverage) -> tuple[dt.date, dt.date] | None:
    """The last 24 complete months (each calendar month twice), when the data has them."""
    w = growth_windows(cov)
    return (w[0], w[2]) if w else None


# --------------------------------------------------------------------------- candidates

@dataclasses.dataclass(frozen=True)
class Context:
    spec: DatasetSpec
    coverage: Mapping[str, Coverage]  # time source key (table.column) -> coverage
    seed: int = 0

    @property
    def layer(self) -> SemanticLayer:
        return self.spec.semantic

    def cov(self, m: Metric) -> Coverage | None:
        src = time_source(m, self.layer, self.spec.tables)
        return None if src is None else self.coverage.get(f"{src.table}.{src.column}")

    def members(self, d: Dimension) -> list[object] | None:
        return dimension_members(self.spec.tables, d)  # type: ignore[return-value]


def time_key(m: Metric, spec: DatasetSpec) -> str | None:
    src = time_source(m, spec.semantic, spec.tables)
    return None if src is None else f"{src.table}.{src.column}"


def _additive_like(m: Metric) -> bool:
    return m.additive


def _slicing_dims(ctx: Context, m: Metric) -> list[Dimension]:
    """Dimensions that slice ``m`` meaningfully: reachable, not time, not a column the
    metric's own definition filters on (revenue by status would show only "completed")."""
    own = set()
    for f in [m.expression, *m.filters]:
        own |= {w.lower() for w in f.replace("(", " ").replace(")", " ").replace(",", " ").split()}
    out = []
    for d in ctx.layer.dimensions:
        if d.kind == "time" or not reachable(m, d, ctx.spec.tables):
            continue
        if d.table == m.table and d.column.lower() in own:
            continue
        out.append(d)
    return out


def _many(ctx: Context, d: Dimension) -> bool:
    members = ctx.members(d)
    return members is None or len(members) > MAX_GROUPS


def candidates(ctx: Context) -> list[Plan]:
    layer = ctx.layer
    metrics = layer.metrics
    out: list[Plan] = []
    headline = next((m for m in metrics if m.unit == "currency" and m.additive), metrics[0])
    ordered = [headline, *[m for m in metrics if m is not headline]]
    for rank, m in enumerate(ordered):
        weight = 3.0 if rank == 0 else max(0.6, 2.2 - 0.3 * rank)
        cov = ctx.cov(m)
        rate_like = not m.additive
        min_rows = RATE_MIN_ROWS if rate_like else None

        def add(kind: QuestionKind, q: MetricQuery, diff: Difficulty, score: float, weight: float = weight,
                **kw: object) -> None:
            out.append(Plan(kind=kind, query=q, difficulty=diff, score=weight * score * _KIND_WEIGHT[kind],
                            **kw))  # type: ignore[arg-type]

        add("total", MetricQuery(metric=m.name), "simple", 2.5 if rank == 0 else (1.0 if rank < 3 else 0.4))
        if cov is not None:
            grains: tuple[tuple[TimeGrain, Difficulty, float], ...] = (
                ("month", "simple" if rank == 0 else "medium", 1.0), ("quarter", "medium", 0.7),
                ("year", "simple" if rank else "medium", 0.6))
            for g, level, sc in grains:
                if g == "year" and cov.months < 24:
                    continue
                add("trend", MetricQuery(metric=m.name, grain=g, until=complete_until(cov, g)), level, sc)
            # Additive metrics over whole years only: each calendar month counted as often.
            window = seasonal_window(cov) if m.additive else (None, None)
            if window is not None:
                add("cycle", MetricQuery(metric=m.name, cycle="month_of_year", order="metric_desc",
                                         since=window[0], until=window[1]), "medium", 0.9)
            add("cycle", MetricQuery(metric=m.name, cycle="day_of_week", order="metric_desc",
                                     min_rows=min_rows), "hard", 0.6)
        dims = _slicing_dims(ctx, m)
        for d in dims:
            dw = _DIM_WEIGHT.get(d.kind, 0.8)
            if d.table != m.table and d.kind in ("other", "status", "staff"):
                dw *= 0.5  # delivery time by payment method: possible, rarely what people ask
            many = _many(ctx, d)
            level = "simple" if (m.additive and d.kind in ("geography", "channel", "segment")
                                              and rank < 2) else ("hard" if rate_like else "medium")
            add("ranking", MetricQuery(metric=m.name, by=[d.name], order="metric_desc",
                                       limit=TOP_N if many else None, min_rows=min_rows), level, dw / 2)
            if m.additive and not many:
                add("share", MetricQuery(metric=m.name, by=[d.name], order="metric_desc"), "medium", dw / 2.4)
            if cov is not None and not many and len(ctx.members(d) or []) <= 6:
                until = complete_until(cov, "quarter")
                # Per quarter and member a rate has fewer rows: a lower floor keeps the table.
                add("breakdown", MetricQuery(metric=m.name, by=[d.name], grain="quarter", until=until,
                                             min_rows=10 if min_rows else None), "hard", dw / 2.2)
            if cov is not None and not many and (w := growth_windows(cov)) is not None:
                add("growth", MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=min_rows),
                    "expert", dw / 2.4, windows=w)
        for child in dims:
            parent = next((d for d in dims if d.name == child.parent), None)
            if parent is not None:
                add("top_per_group", MetricQuery(metric=m.name, by=[parent.name, child.name], order="metric_desc",
                                                 min_rows=min_rows), "expert", 1.0)
    return out


# --------------------------------------------------------------------------- selection

def target_count(layer: SemanticLayer) -> int:
    """At least 12; 20 for large shapes (many metrics and dimensions to ask about)."""
    dims = [d for d in layer.dimensions if d.kind != "time"]
    return 20 if len(layer.metrics) >= 6 and len(dims) >= 5 else 14


def _variant(p: Plan, seed: int) -> int:
    return int(hashlib.sha256(f"{seed}:{p.key}:{p.kind}".encode()).hexdigest()[:8], 16) % 2


Reading = tuple[tuple[str, str | None, str | None], ...]


def reading(p: Plan, layer: SemanticLayer) -> Reading:
    """How ``p``'s metric, dimension and grain read in each offline language: two
    definitions can read alike ("region" of the location and of the customer, "revenue"
    and "billed revenue" on an energy bill), and two questions that read the same are
    one question to the prospect."""
    metric, by, grain = p.triple
    m = layer.metric(metric)
    dims = [layer.dimension(d) for d in (by or "").split(",") if d]
    return tuple((metric_words(m, lang).noun.sg, ",".join(dimension_words(d, lang).noun.sg for d in dims) or None,
                  grain) for lang in OFFLINE)


def select(cands: Sequence[Plan], stories: Sequence[Plan], target: int, seed: int,
           layer: SemanticLayer | None = None) -> list[Plan]:
    """Stories first, then greedy by difficulty quota, spreading metrics, kinds and dims;
    never two plans with the same triple, or (given the ``layer``) that read the same."""
    chosen: list[Plan] = []
    used: set[tuple[str, str | None, str | None]] = set()
    read: set[Reading] = set()

    def fresh(p: Plan) -> bool:
        return p.triple not in used and (layer is None or reading(p, layer) not in read)

    def take(p: Plan) -> None:
        chosen.append(p)
        used.add(p.triple)
        if layer is not None:
            read.add(reading(p, layer))

    # Every story's detection question before any follow-up: a follow-up that reads like
    # another story's detection must not crowd it out (the story would go unverified).
    for p in sorted(stories, key=lambda p: p.follow_up):
        if fresh(p):
            take(p)
    pool = [c for c in cands if fresh(c)]
    while len(chosen) < target and pool:
        counts = {d: sum(1 for c in chosen if c.difficulty == d) for d in DIFFICULTIES}
        want = max(DIFFICULTIES, key=lambda d: (_QUOTA[d] * target - counts[d], -DIFFICULTIES.index(d)))

        def value(c: Plan, want: Difficulty = want) -> float:
            same_metric = sum(1 for x in chosen if x.query.metric == c.query.metric)
            same_kind = sum(1 for x in chosen if x.kind == c.kind)
            same_dim = sum(1 for x in chosen if x.query.by and x.query.by == c.query.by)
            bonus = 0.8 if c.difficulty == want else 0.0
            return c.score + bonus - 0.9 * same_metric - 0.7 * same_kind - 0.5 * same_dim

        best = max(pool, key=lambda c: (value(c), c.key))
        take(best)
        pool = [c for c in pool if fresh(c)]
    rank = {d: i for i, d in enumerate(DIFFICULTIES)}
    ordered = sorted(enumerate(chosen), key=lambda ic: (rank[ic[1].difficulty], ic[1].follow_up, ic[0]))
    return [dataclasses.replace(p, variant=_variant(p, seed)) for _, p in ordered]


def plan_questions(ctx: Context, stories: Sequence[Plan] = (), target: int | None = None) -> list[Plan]:
    if not ctx.layer.metrics:
        return []
    return select(candidates(ctx), stories, target or target_count(ctx.layer), ctx.seed, ctx.layer)


# --------------------------------------------------------------------------- SQL

def plan_sql(p: Plan, spec: DatasetSpec) -> str:
    """BigQuery SQL (unqualified tables) answering ``p``."""
    layer, tables, q = spec.semantic, spec.tables, p.query
    m = layer.metric(q.metric)
    if p.kind == "share":
        base = query_sql(layer, tables, q.model_copy(update={"order": "group", "limit": None}))
        d = q.by[0]
        return (f"WITH base AS ({base}) SELECT {d}, {m.name}, "
                f"SAFE_DIVIDE({m.name}, SUM({m.name}) OVER ()) AS share_of_total "
                f"FROM base ORDER BY {m.name} DESC")
    if p.kind == "growth":
        assert p.windows is not None
        prev, cur, end = p.windows
        d = q.by[0]
        plain = q.model_copy(update={"order": "group", "limit": None})
        now = query_sql(layer, tables, plain.model_copy(update={"since": cur, "until": end}))
        before = query_sql(layer, tables, plain.model_copy(update={"since": prev, "until": cur}))
        return (f"WITH current_window AS ({now}), previous_window AS ({before}) "
                f"SELECT c.{d}, c.{m.name}, p.{m.name} AS previous_{m.name}, "
                f"SAFE_DIVIDE(c.{m.name} - p.{m.name}, p.{m.name}) AS change_vs_previous "
                f"FROM current_window AS c JOIN previous_window AS p ON c.{d} = p.{d} "
                f"ORDER BY change_vs_previous DESC")
    if p.kind == "top_per_group":
        parent, child = q.by[0], q.by[1]
        base = query_sql(layer, tables, q.model_copy(update={"order": "group", "limit": None}))
        direction = "ASC" if p.lowest else "DESC"
        return (f"WITH base AS ({base}), ranked AS (SELECT {parent}, {child}, {m.name}, "
                f"ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY {m.name} {direction}, {child}) AS place "
                f"FROM base WHERE {parent} IS NOT NULL AND {child} IS NOT NULL) "
                f"SELECT {parent}, {child}, {m.name} FROM ranked WHERE place = 1 ORDER BY {m.name} {direction}")
    if p.kind == "ranking" and p.lowest:
        q = q.model_copy(update={"order": "metric_asc"})
    return query_sql(layer, tables, q)


def story_filter(dimension: str, value: Scalar) -> DimensionFilter:
    return DimensionFilter(dimension=dimension, op="=", values=[value])
