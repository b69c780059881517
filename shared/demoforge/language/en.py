"""English: mass nouns without an article ("revenue"), counts as "the number of orders",
verbs agreeing with plural labels ("costs have"), singular or plural by CLDR rules."""

from __future__ import annotations

from demoforge.language.base import (
    Ask,
    BreakdownFacts,
    CycleFacts,
    GrowthFacts,
    Period,
    Phrasebook,
    RankingFacts,
    ShareFacts,
    TopPerGroupFacts,
    TotalFacts,
    TrendFacts,
    Where,
    capitalise,
    last_day,
    lower_first,
    span_kind,
)
from demoforge.language.words import DimensionWords, MetricWords

_GRAIN_EACH = {"day": "day by day", "week": "week by week", "month": "month by month",
               "quarter": "quarter by quarter", "year": "year by year"}


def _plural(m: MetricWords) -> bool:
    return m.kind != "count" and m.noun.plural


class English(Phrasebook):
    code = "en"

    def _subject(self, m: MetricWords) -> str:
        if m.kind == "count":
            return f"the number of {m.noun.pl}"
        word = m.noun.form()
        return word if m.noun.mass else f"the {word}"

    def _bare(self, m: MetricWords) -> str:
        return m.noun.pl if m.kind == "count" else m.noun.form()

    def _high(self, m: MetricWords, lowest: bool) -> str:
        if m.kind == "count":
            return f"the {'fewest' if lowest else 'most'} {m.noun.pl}"
        if m.duration_unit:
            return f"the {'shortest' if lowest else 'longest'} {m.noun.form()}"
        if m.kind == "amount" and m.noun.mass and not lowest and not m.lower_is_better:
            return f"the most {m.noun.form()}"
        return f"the {'lowest' if lowest else 'highest'} {m.noun.form()}"

    def _where(self, w: Where) -> str:
        if w.dim.kind == "geography" and not w.dim.at:
            return f"in {w.value}"
        # "in the Regular segment", "for the product Tents" (not "in segment Regular").
        if w.dim.at:
            return f"for the {w.dim.noun.sg} {w.value}"
        return f"in the {w.value} {w.dim.noun.sg}"

    def _wheres(self, a: Ask) -> str:
        return self._suffix([self._where(w) for w in a.where])

    def _when(self, a: Ask) -> str:
        """"since March 2025", "in Q1 2024", "from January to March 2024" (or "")."""
        if a.since is None:
            return ""
        kind, f = span_kind(a.since, a.until), self.fmt
        if kind == "since":
            return f"since {f.month_year(a.since)}"
        if kind == "month":
            return f"in {f.month_year(a.since)}"
        if kind == "quarter":
            return f"in {self.period_name(Period(a.since, 'quarter'))}"
        assert a.until is not None
        return f"from {f.month_year(a.since)} to {f.month_year(last_day(a.until))}"

    def _front(self, a: Ask, text: str, *, ours: bool = True) -> str:
        """The period first; ``ours``: the text starts with our words (lower-cased after the
        comma), not with a data value (kept as stored)."""
        when = self._when(a)
        return f"{capitalise(when)}, {lower_first(text) if ours else text}" if when else text

    # --- questions -------------------------------------------------------------------
    def question(self, a: Ask) -> str:
        return self._front(a, super().question(a))

    def q_total(self, a: Ask) -> str:
        m = a.metric
        if m.kind == "count":
            return f"How many {m.noun.pl} did we have{self._wheres(a)} in total?"
        if m.kind == "amount":
            return f"What {'were' if _plural(m) else 'was'} our total {m.noun.form()}{self._wheres(a)}?"
        return f"What {'are' if _plural(m) else 'is'} our overall {m.noun.form()}{self._wheres(a)}?"

    def q_trend(self, a: Ask) -> str:
        m, g = a.metric, a.grain or "month"
        if a.variant % 2 and not a.where:
            if m.kind == "count":
                return f"How many {m.noun.pl} did we have per {g}?"
            return f"What {'were' if _plural(m) else 'was'} {self._subject(m)} per {g}?"
        have = "have" if _plural(m) else "has"
        return f"How {have} {self._subject(m)}{self._wheres(a)} developed {_GRAIN_EACH[g]}?"

    def q_ranking(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        bring = m.money and m.kind == "amount" and not m.lower_is_better
        if a.limit:
            verb = "bring in" if bring else "have"
            return f"Which {a.limit} {d.noun.pl}{self._wheres(a)} {verb} {self._high(m, a.lowest)}?"
        if a.variant % 2 and not a.where:
            verb = "brings in" if bring else "has"
            return f"Which {d.noun.sg} {verb} {self._high(m, a.lowest)}?"
        verb = "bring in" if bring else "have"
        return f"Which {d.noun.pl}{self._wheres(a)} {verb} {self._high(m, a.lowest)}?"

    def q_share(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        if a.variant % 2:
            be = "are" if m.kind == "count" or _plural(m) else "is"
            return f"How {be} {self._bare(m)} split across {d.noun.pl}?"
        if m.kind == "count":
            return f"What share of our {m.noun.pl} comes from each {d.noun.sg}?"
        return f"What share of {self._bare(m)} does each {d.noun.sg} contribute?"

    def q_growth(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        return (f"How did {self._subject(m)} for each {d.noun.sg} change over the last twelve months, "
                "compared with the twelve before?")

    def q_cycle(self, a: Ask) -> str:
        m = a.metric
        when = "On which weekday" if a.cycle == "day_of_week" else "In which month of the year"
        if m.kind == "count":
            return f"{when} do we get {self._high(m, a.lowest)}{self._wheres(a)}?"
        be = "are" if _plural(m) else "is"
        word = "lowest" if a.lowest else "highest"
        if m.duration_unit:
            word = "shortest" if a.lowest else "longest"
        return f"{when} {be} {self._subject(m)}{self._wheres(a)} {word}?"

    def q_top_per_group(self, a: Ask) -> str:
        m, child, parent = a.metric, a.dims[0], a.dims[1]
        verb = "brings in" if m.money and m.kind == "amount" and not m.lower_is_better else "has"
        return f"Which {child.noun.sg} {verb} {self._high(m, a.lowest)} in each {parent.noun.sg}?"

    def q_breakdown(self, a: Ask) -> str:
        m, d, g = a.metric, a.dims[0], a.grain or "quarter"
        have = "have" if _plural(m) else "has"
        return f"How {have} {self._subject(m)} per {d.noun.sg} developed {_GRAIN_EACH[g]}?"

    # --- answers ---------------------------------------------------------------------
    def _in_period(self, p: Period) -> str:
        name = self.period_name(p)
        if p.grain == "week":
            return f"in the week of {name}"
        if p.grain == "day":
            return f"on {name}"
        return f"in {name}"

    def a_total(self, a: Ask, f: TotalFacts) -> str:
        m = a.metric
        span = (f" from {self.fmt.month_year(f.start)} to {self.fmt.month_year(f.end)}"
                if f.start and f.end else "")
        if m.kind == "count":
            noun = m.noun.sg if self.fmt.is_one(f.amount) else m.noun.pl
            return f"We had {f.value} {noun}{self._wheres(a)} in total{span}."
        if m.kind == "amount":
            verb = "totalled" if span else ("total" if _plural(m) else "totals")
            return f"{capitalise(self._subject(m))}{self._wheres(a)} {verb} {f.value}{span}."
        be = "were" if _plural(m) else "was"
        return f"{capitalise(self._subject(m))}{self._wheres(a)} {be} {f.value} overall{span}."

    def a_trend(self, a: Ask, f: TrendFacts) -> str:
        m = a.metric
        (p0, v0), (p1, v1), (pk, vk) = f.first, f.last, f.peak
        if f.change is not None and f.change >= 0.02:
            move = f"rose from {v0} {self._in_period(p0)} to {v1} {self._in_period(p1)}"
        elif f.change is not None and f.change <= -0.02:
            move = f"fell from {v0} {self._in_period(p0)} to {v1} {self._in_period(p1)}"
        else:
            move = f"moved from {v0} {self._in_period(p0)} to {v1} {self._in_period(p1)}"
        # A peak at either end is named as such, not repeated ("to 25.7% in Q3 2026, peaking
        # at 25.7% in Q3 2026").
        peak = {"last": ", its highest in the period", "first": ", after peaking at the start"}.get(
            f.peak_at or "", f", peaking at {vk} {self._in_period(pk)}")
        return f"{capitalise(self._subject(m))}{self._wheres(a)} {move}{peak}."

    def a_ranking(self, a: Ask, f: RankingFacts) -> str:
        m, d = a.metric, a.dims[0]
        text = f"{f.top} has {self._high(m, a.lowest)}: {f.top_value}"
        if f.second is not None:
            if a.lowest:
                text += f", then {f.second} ({f.second_value})"
            elif f.ratio is not None and f.ratio >= 1.05:
                text += f", {self.fmt.ratio(f.ratio)}× {f.second} ({f.second_value})"
            else:
                text += f", just ahead of {f.second} ({f.second_value})"
        noun = d.noun.sg if self.fmt.is_one(f.n) else d.noun.pl
        return self._front(a, f"{text}; {f.n} {noun} compared.", ours=False)

    def a_share(self, a: Ask, f: ShareFacts) -> str:
        text = f"{f.top} contributes the largest share of {self._bare(a.metric)}, {f.top_share}"
        if f.top3_share and f.n > 3:
            text += f"; the top three together {f.top3_share}"
        return text + "."

    def a_growth(self, a: Ask, f: GrowthFacts) -> str:
        text = (f"Over the last twelve months, {f.best} had the highest change in {self._bare(a.metric)} "
                f"against the twelve months before: {f.best_change}")
        if f.worst is not None:
            text += f"; {f.worst} the lowest ({f.worst_change})"
        return text + "."

    def a_cycle(self, a: Ask, f: CycleFacts) -> str:
        m = a.metric
        day = a.cycle == "day_of_week"
        at = (lambda x: f"on {x}") if day else (lambda x: f"in {x}")
        quiet = "day" if day else "month"
        calm = "quietest" if m.kind in ("count", "amount") else "lowest"  # a rate has low months, not quiet ones
        tail = (f", {self.fmt.ratio(f.ratio)}× the {calm} {quiet}, {f.low} ({f.low_value})"
                if f.ratio and f.ratio >= 1.05 else f"; the lowest is {f.low} ({f.low_value})")
        if m.kind == "count":
            return f"We get the most {m.noun.pl}{self._wheres(a)} {at(f.peak)} ({f.peak_value}){tail}."
        be = "are" if _plural(m) else "is"
        return f"{capitalise(self._subject(m))}{self._wheres(a)} {be} highest {at(f.peak)} ({f.peak_value}){tail}."

    def a_top_per_group(self, a: Ask, f: TopPerGroupFacts) -> str:
        m, child, parent = a.metric, a.dims[0], a.dims[1]
        pairs = "; ".join(f"{g}: {w} ({v})" for g, w, v in f.pairs[:4])
        more = f"; {f.n} {parent.noun.pl} in all" if f.n > 4 else ""
        return f"Top {child.noun.sg} by {self._bare(m)} in each {parent.noun.sg} – {pairs}{more}."

    def a_breakdown(self, a: Ask, f: BreakdownFacts) -> str:
        text = f"{capitalise(self._in_period(f.latest))}, {f.top} led on {self._bare(a.metric)} with {f.top_value}"
        if f.grower and f.growth:
            moved = "fell least" if f.all_fell else "grew most"
            text += f"; since {self.period_name(f.first)}, {f.grower} {moved} ({f.growth})"
        return text + "."

    # --- names -----------------------------------------------------------------------
    def metric_name(self, m: MetricWords, *, capital: bool = False) -> str:
        text = f"number of {m.noun.pl}" if m.kind == "count" else m.noun.form()
        return capitalise(text) if capital else text

    def metric_phrase(self, m: MetricWords) -> str:
        return self._subject(m)

    def of_name(self, name: str) -> str:
        """"Ledgerly's", "Alpine Outfitters'" (a name in -s takes the apostrophe alone)."""
        return f"{name}'" if name.endswith("s") else f"{name}'s"

    def dimension_name(self, d: DimensionWords, *, plural: bool = False, capital: bool = False) -> str:
        text = d.noun.pl if plural else d.noun.sg
        return capitalise(text) if capital else text

    def period_name(self, p: Period) -> str:
        if p.grain == "quarter":  # "Q4 2025" reads better than "4th quarter 2025"
            return f"Q{(p.start.month - 1) // 3 + 1} {p.start.year}"
        return self.fmt.period(p.start, p.grain)

