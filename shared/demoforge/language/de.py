"""German: articles and adjectives declined by case, gender and number; weak masculine
nouns; dative plurals; contractions (im, am, beim, zum, vom); verbs agreeing with the
subject's number."""

from __future__ import annotations

from typing import Literal

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
    span_kind,
)
from demoforge.language.nouns import Noun, Number
from demoforge.language.words import DimensionWords, MetricWords

Case = Literal["nom", "acc", "dat", "gen"]
Det = Literal["def", "none", "jeder", "welch", "kein"]

_DEF = {"nom": ("der", "die", "das", "die"), "acc": ("den", "die", "das", "die"),
        "dat": ("dem", "der", "dem", "den"), "gen": ("des", "der", "des", "der")}
# der-words (jeder, welcher) take the definite article's endings.
_DER_END = {"nom": ("er", "e", "es", "e"), "acc": ("en", "e", "es", "e"),
            "dat": ("em", "er", "em", "en"), "gen": ("es", "er", "es", "er")}
_WEAK = {"nom": ("e", "e", "e", "en"), "acc": ("en", "e", "e", "en"),
         "dat": ("en", "en", "en", "en"), "gen": ("en", "en", "en", "en")}
_STRONG = {"nom": ("er", "e", "es", "e"), "acc": ("en", "e", "es", "e"),
           "dat": ("em", "er", "em", "en"), "gen": ("en", "er", "en", "er")}
_CONTRACT = {("in", "dem"): "im", ("an", "dem"): "am", ("bei", "dem"): "beim", ("von", "dem"): "vom",
             ("zu", "dem"): "zum", ("zu", "der"): "zur"}
_GRAIN_EACH = {"day": "Tag für Tag", "week": "Woche für Woche", "month": "Monat für Monat",
               "quarter": "Quartal für Quartal", "year": "Jahr für Jahr"}
_GRAIN_PER = {"day": "pro Tag", "week": "pro Woche", "month": "pro Monat", "quarter": "pro Quartal", "year": "pro Jahr"}
_COUNT_HEAD = Noun(sg="Zahl", pl="Zahlen", gender="f")
_PRONOUN = {"m": "er", "f": "sie", "n": "es", "pl": "sie"}


def _slot(n: Noun, number: Number | None = None) -> int:
    return 3 if (number or n.number) == "pl" else {"m": 0, "f": 1, "n": 2}[n.gender]


def noun_form(n: Noun, case: Case, number: Number | None = None) -> str:
    num = number or n.number
    if num == "pl":
        pl = n.pl
        if case == "dat" and not pl.endswith(("n", "s")):
            return pl + "n"
        return pl
    if n.weak and case != "nom":
        return n.pl
    if case == "gen" and n.gender in ("m", "n"):
        if n.gen_sg:
            return n.gen_sg
        return n.sg + ("es" if n.sg.endswith(("s", "ß", "x", "z")) else "s")
    return n.sg


def np(n: Noun, case: Case, det: Det = "def", number: Number | None = None, adjs: tuple[str, ...] = ()) -> str:
    """A declined noun phrase: ``np(Umsatz, "acc", adjs=("höchst",))`` -> "den höchsten Umsatz"."""
    slot = _slot(n, number)
    words: list[str] = []
    if det == "def":
        words.append(_DEF[case][slot])
        ends = _WEAK
    elif det in ("jeder", "welch"):
        stem = "jed" if det == "jeder" else "welch"
        words.append(stem + _DER_END[case][slot])
        ends = _WEAK
    else:
        ends = _STRONG
    for a in [*adjs, *([n.adj] if n.adj else [])]:
        words.append(a + ends[case][slot])
    words.append(noun_form(n, case, number))
    return " ".join(words)


def pp(prep: str, n: Noun, case: Case, det: Det = "def", number: Number | None = None,
       adjs: tuple[str, ...] = ()) -> str:
    """A prepositional phrase with the usual contractions ("in dem Monat" -> "im Monat")."""
    phrase = np(n, case, det, number, adjs)
    first, _, rest = phrase.partition(" ")
    short = _CONTRACT.get((prep, first)) if det == "def" else None
    return f"{short} {rest}" if short else f"{prep} {phrase}"


def dative(value: str) -> str:
    """A formatted quantity after von/bei/mit: "2,7 Tage" -> "2,7 Tagen" (the other units
    babel writes already end in -n: Stunden, Minuten)."""
    return value + "n" if value.endswith(" Tage") or value.endswith("\u00a0Tage") else value


def _place(d: DimensionWords) -> str:
    """"in der Region", "am Standort" (the noun's own preposition), "beim Produkt" (a thing)."""
    return d.noun.prep or ("bei" if d.at else "in")


def _verb(m: MetricWords, sg: str, pl: str) -> str:
    return pl if _subject_plural(m) else sg


def _subject_plural(m: MetricWords) -> bool:
    return m.kind != "count" and m.noun.plural


class German(Phrasebook):
    code = "de"

    # --- the metric's noun phrases ---------------------------------------------------
    def _subject(self, m: MetricWords, case: Case = "nom") -> str:
        """"der Umsatz", "die Zahl der Bestellungen", "die durchschnittliche Lieferzeit"."""
        if m.kind == "count":
            return f"{np(_COUNT_HEAD, case)} {np(m.noun, 'gen', number='pl')}"
        return np(m.noun, case)

    def _pronoun(self, m: MetricWords) -> str:
        if m.kind == "count":
            return "sie"
        return _PRONOUN["pl" if m.noun.plural else m.noun.gender]

    def _superlative(self, m: MetricWords, lowest: bool, case: Case = "acc") -> str:
        """"den höchsten Umsatz", "die meisten Bestellungen", "die kürzeste Lieferzeit"."""
        if m.kind == "count":
            return f"die {'wenigsten' if lowest else 'meisten'} {noun_form(m.noun, case, 'pl')}"
        adj = "niedrigst" if lowest else "höchst"
        if m.duration_unit:
            adj = "kürzest" if lowest else "längst"
        return np(m.noun, case, adjs=(adj,))

    def _where(self, w: Where) -> str:
        # "in der Region Nordost", "im Kanal Web", but "beim Produkt X", "beim Mitarbeiter Y".
        return f"{pp(_place(w.dim), w.dim.noun, 'dat', number='sg')} {w.value}"

    def _wheres(self, a: Ask) -> str:
        return self._suffix([self._where(w) for w in a.where])

    def _when(self, a: Ask) -> str:
        """" seit März 2025", " im 1. Quartal 2024", " von Januar bis März 2024" (or "")."""
        if a.since is None:
            return ""
        kind, f = span_kind(a.since, a.until), self.fmt
        if kind == "since":
            return f" seit {f.month_year(a.since)}"
        if kind == "month":
            return f" im {f.month_year(a.since)}"
        if kind == "quarter":
            return f" im {f.quarter_year(a.since)}"
        assert a.until is not None
        return f" von {f.month_year(a.since)} bis {f.month_year(last_day(a.until))}"

    # --- questions -------------------------------------------------------------------
    def q_total(self, a: Ask) -> str:
        m = a.metric
        if m.kind == "count":
            return f"Wie viele {m.noun.pl} hatten wir{self._wheres(a)}{self._when(a)} insgesamt?"
        if m.kind == "amount":
            return f"Wie hoch {_verb(m, 'war', 'waren')} {self._subject(m)}{self._wheres(a)}{self._when(a)} insgesamt?"
        # A rate or an average has no total: it is asked over the whole period.
        how = "lang" if m.duration_unit else "hoch"
        when = self._when(a) or " über den gesamten Zeitraum"
        return f"Wie {how} {_verb(m, 'ist', 'sind')} {self._subject(m)}{self._wheres(a)}{when}?"

    def q_trend(self, a: Ask) -> str:
        m, g = a.metric, a.grain or "month"
        if a.variant % 2 and m.kind == "count" and not a.where:
            return f"Wie viele {m.noun.pl} hatten wir {_GRAIN_PER[g]}?"
        if a.variant % 2 and not a.where:
            return f"Wie hoch {_verb(m, 'war', 'waren')} {self._subject(m)} {_GRAIN_PER[g]}?"
        return (f"Wie {_verb(m, 'hat', 'haben')} sich {self._subject(m)}{self._wheres(a)}{self._when(a)} "
                f"{_GRAIN_EACH[g]} entwickelt?")

    def q_ranking(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        verb = "erzielen" if m.money and not m.lower_is_better and m.kind == "amount" else "haben"
        if a.limit:
            return (f"Welche {a.limit} {d.noun.pl}{self._wheres(a)} {verb}{self._when(a)} "
                    f"{self._superlative(m, a.lowest)}?")
        if a.variant % 2 and not a.where and a.since is None:
            where = pp(_place(d), d.noun, "dat", det="welch", number="sg")
            if m.kind == "count":
                few = "wenigsten" if a.lowest else "meisten"
                return capitalise(f"{where} gibt es die {few} {m.noun.pl}?")
            best = "am niedrigsten" if a.lowest else "am höchsten"
            if m.duration_unit:
                best = "am kürzesten" if a.lowest else "am längsten"
            return capitalise(f"{where} {_verb(m, 'ist', 'sind')} {self._subject(m)} {best}?")
        return f"Welche {d.noun.pl}{self._wheres(a)} {verb}{self._when(a)} {self._superlative(m, a.lowest)}?"

    def q_share(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        if a.variant % 2:
            subject = np(m.noun, "nom", number="pl") if m.kind == "count" else self._subject(m)
            verb = "verteilen" if m.kind == "count" or m.noun.plural else "verteilt"
            return f"Wie {verb} sich {subject} auf die {d.noun.pl}?"
        whole = pp("an", m.noun, "dat", number="pl" if m.kind == "count" else None)
        return f"Welchen Anteil {whole} hat {np(d.noun, 'nom', det='jeder', number='sg')}?"

    def q_growth(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        prep = _place(d)
        return (f"Wie {_verb(m, 'hat', 'haben')} sich {self._subject(m)} "
                f"{pp(prep, d.noun, 'dat', det='jeder', number='sg')} in den letzten zwölf Monaten gegenüber "
                "den zwölf Monaten davor verändert?")

    def q_cycle(self, a: Ask) -> str:
        m = a.metric
        when = "An welchem Wochentag" if a.cycle == "day_of_week" else "In welchem Monat"
        if m.kind == "count":
            few = "wenigsten" if a.lowest else "meisten"
            return f"{when} gibt es{self._wheres(a)}{self._when(a)} die {few} {m.noun.pl}?"
        best = "am niedrigsten" if a.lowest else "am höchsten"
        if m.duration_unit:
            best = "am kürzesten" if a.lowest else "am längsten"
        return f"{when} {_verb(m, 'ist', 'sind')} {self._subject(m)}{self._wheres(a)}{self._when(a)} {best}?"

    def q_top_per_group(self, a: Ask) -> str:
        m, child, parent = a.metric, a.dims[0], a.dims[1]
        verb = "erzielt" if m.money and m.kind == "amount" and not m.lower_is_better else "hat"
        return (f"{capitalise(np(child.noun, 'nom', det='welch', number='sg'))} {verb} "
                f"{pp(parent.noun.prep or 'in', parent.noun, 'dat', det='jeder', number='sg')} "
                f"{self._superlative(m, a.lowest)}?")

    def q_breakdown(self, a: Ask) -> str:
        m, d, g = a.metric, a.dims[0], a.grain or "quarter"
        # "nach Kanal", not "je Kanal": a metric per thing ("Durchschnittswert je
        # Abonnement") would stack two "je".
        return (f"Wie {_verb(m, 'hat', 'haben')} sich {self._subject(m)} nach {d.noun.sg} "
                f"{_GRAIN_EACH[g]} entwickelt?")

    # --- answers ---------------------------------------------------------------------
    def _in_period(self, p: Period) -> str:
        name = self.period_name(p)
        if p.grain in ("month", "quarter"):
            return f"im {name}"
        if p.grain == "year":
            return f"im Jahr {name}"
        if p.grain == "week":
            return f"in der Woche vom {name}"
        return f"am {name}"

    def _since_period(self, p: Period) -> str:
        name = self.period_name(p)
        if p.grain == "quarter":
            return f"seit dem {name}"
        if p.grain == "week":
            return f"seit der Woche vom {name}"
        if p.grain == "day":
            return f"seit dem {name}"
        return f"seit {name}"

    def _count_noun(self, m: MetricWords, amount: float) -> str:
        return m.noun.sg if self.fmt.is_one(amount) else m.noun.pl

    def a_total(self, a: Ask, f: TotalFacts) -> str:
        m = a.metric
        span = ""
        if f.start and f.end:
            span = f" von {self.fmt.month_year(f.start)} bis {self.fmt.month_year(f.end)}"
        where = self._wheres(a)
        if m.kind == "count":
            return f"{capitalise(span.strip() or 'Insgesamt')}{where} gab es {'insgesamt ' if span else ''}{f.value} {self._count_noun(m, f.amount)}."
        if m.kind == "amount":
            return f"{capitalise(self._subject(m))}{where} {_verb(m, 'betrug', 'betrugen')}{span} insgesamt {f.value}."
        if span:
            return f"{capitalise(self._subject(m))}{where} {_verb(m, 'lag', 'lagen')}{span} bei {dative(f.value)}."
        return (f"{capitalise(self._subject(m))}{where} {_verb(m, 'liegt', 'liegen')} über den gesamten Zeitraum "
                f"bei {dative(f.value)}.")

    def a_trend(self, a: Ask, f: TrendFacts) -> str:
        m = a.metric
        (p0, v0), (p1, v1), (pp_, vp) = f.first, f.last, f.peak
        if f.change is not None and f.change >= 0.02:
            verb = _verb(m, "stieg", "stiegen") if m.kind != "count" else "stieg"
            move = f"{verb} von {dative(v0)} {self._in_period(p0)} auf {v1} {self._in_period(p1)}"
        elif f.change is not None and f.change <= -0.02:
            verb = _verb(m, "sank", "sanken") if m.kind != "count" else "sank"
            move = f"{verb} von {dative(v0)} {self._in_period(p0)} auf {v1} {self._in_period(p1)}"
        else:
            verb = _verb(m, "lag", "lagen") if m.kind != "count" else "lag"
            move = f"{verb} {self._in_period(p0)} bei {dative(v0)} und {self._in_period(p1)} bei {dative(v1)}"
        pron = self._pronoun(m)
        be = "waren" if m.kind != "count" and m.noun.plural else "war"
        if f.peak_at == "last":
            return f"{capitalise(self._subject(m))}{self._wheres(a)} {move} und {be} damit so hoch wie nie zuvor."
        if f.peak_at == "first":
            return f"{capitalise(self._subject(m))}{self._wheres(a)} {move}; am höchsten {be} {pron} gleich zu Beginn."
        return (f"{capitalise(self._subject(m))}{self._wheres(a)} {move}; am höchsten {be} {pron} "
                f"{self._in_period(pp_)} mit {dative(vp)}.")

    def a_ranking(self, a: Ask, f: RankingFacts) -> str:
        m, d = a.metric, a.dims[0]
        when = self._when(a).strip()
        lead = (f"{capitalise(when)} hat {f.top} {self._superlative(m, a.lowest)}: {f.top_value}" if when
                else f"{f.top} hat {self._superlative(m, a.lowest)}: {f.top_value}")
        if f.second is not None:
            if a.lowest:
                lead += f", danach folgt {f.second} ({f.second_value})"
            elif f.ratio is not None and f.ratio >= 1.05:
                lead += f" – das {self.fmt.ratio(f.ratio)}-Fache von {f.second} ({f.second_value})"
            else:
                lead += f", knapp vor {f.second} ({f.second_value})"
        noun = d.noun.sg if self.fmt.is_one(f.n) else d.noun.pl
        return f"{lead}; verglichen {'wurde' if self.fmt.is_one(f.n) else 'wurden'} {f.n} {noun}."

    def a_share(self, a: Ask, f: ShareFacts) -> str:
        m = a.metric
        whole = pp("an", m.noun, "dat", number="pl" if m.kind == "count" else None)
        text = f"{f.top} hat mit {f.top_share} den größten Anteil {whole}"
        if f.top3_share and f.n > 3:
            text += f"; die drei größten kommen zusammen auf {f.top3_share}"
        return text + "."

    def a_growth(self, a: Ask, f: GrowthFacts) -> str:
        m = a.metric
        head = capitalise(pp("bei", m.noun, "dat", number="pl" if m.kind == "count" else None))
        if m.kind == "count":
            head = f"Bei der Zahl der {noun_form(m.noun, 'gen', 'pl')}"
        text = (f"{head} hatte {f.best} in den letzten zwölf Monaten die höchste Veränderungsrate gegenüber "
                f"den zwölf Monaten davor: {f.best_change}")
        if f.worst is not None:
            text += f"; die niedrigste {f.worst} mit {f.worst_change}"
        return text + "."

    def a_cycle(self, a: Ask, f: CycleFacts) -> str:
        m = a.metric
        day = a.cycle == "day_of_week"
        at = (lambda x: f"am {x}") if day else (lambda x: f"im {x}")
        # A volume has quiet months; a rate or an average has low ones.
        weak = "schwächsten" if m.kind in ("count", "amount") else "niedrigsten"
        low = f"des {weak} {'Tages' if day else 'Monats'} {f.low} ({f.low_value})"
        ratio = f", das {self.fmt.ratio(f.ratio)}-Fache {low}" if f.ratio and f.ratio >= 1.05 else f"; am niedrigsten {at(f.low)} ({f.low_value})"
        if m.kind == "count":
            return f"Die meisten {m.noun.pl}{self._wheres(a)} gibt es {at(f.peak)} ({f.peak_value}){ratio}."
        return (f"Am höchsten {_verb(m, 'ist', 'sind')} {self._subject(m)}{self._wheres(a)} {at(f.peak)} "
                f"({f.peak_value}){ratio}.")

    def a_top_per_group(self, a: Ask, f: TopPerGroupFacts) -> str:
        m, parent = a.metric, a.dims[1]
        head = pp("bei", m.noun, "dat", number="pl" if m.kind == "count" else None)
        if m.kind == "count":
            head = f"bei der Zahl der {noun_form(m.noun, 'gen', 'pl')}"
        pairs = "; ".join(f"{g}: {w} ({v})" for g, w, v in f.pairs[:4])
        more = f"; insgesamt {f.n} {parent.noun.pl}" if f.n > 4 else ""
        return f"Spitzenreiter {head} je {parent.noun.sg} – {pairs}{more}."

    def a_breakdown(self, a: Ask, f: BreakdownFacts) -> str:
        m = a.metric
        head = capitalise(pp("bei", m.noun, "dat", number="pl" if m.kind == "count" else None))
        if m.kind == "count":
            head = f"Bei der Zahl der {noun_form(m.noun, 'gen', 'pl')}"
        text = f"{head} lag {self._in_period(f.latest)} {f.top} mit {dative(f.top_value)} vorn"
        if f.grower and f.growth:
            moved = "am wenigsten verloren" if f.all_fell else "am stärksten zugelegt"
            text += f"; {self._since_period(f.first)} hat {f.grower} {moved} ({f.growth})"
        return text + "."

    # --- names -----------------------------------------------------------------------
    def metric_name(self, m: MetricWords, *, capital: bool = False) -> str:
        if m.kind == "count":
            text = f"Zahl der {noun_form(m.noun, 'gen', 'pl')}"
        else:
            text = np(m.noun, "nom", det="none")
        return capitalise(text) if capital else text

    def metric_phrase(self, m: MetricWords) -> str:
        """Nominative with its article: "der Nettoumsatz", "die Zahl der Kunden"."""
        return self._subject(m)

    def of_name(self, name: str) -> str:
        return f"von {name}"

    def quote(self, text: str) -> str:
        return f"„{text}“"

    def dimension_name(self, d: DimensionWords, *, plural: bool = False, capital: bool = False) -> str:
        text = d.noun.pl if plural else d.noun.sg
        return capitalise(text) if capital else text

    def period_name(self, p: Period) -> str:
        return self.fmt.period(p.start, p.grain)

