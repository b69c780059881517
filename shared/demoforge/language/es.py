"""Spanish: articles and contractions (del, al), the feminine ``el`` before a stressed a,
interrogatives and adjectives agreeing in gender and number (cuántas, más alta, la de),
verbs agreeing with the subject (han evolucionado los ingresos), inverted ¿ ?."""

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
from demoforge.language.nouns import Noun, Number
from demoforge.language.words import DimensionWords, MetricWords

_GRAIN_EACH = {"day": "día a día", "week": "semana a semana", "month": "mes a mes",
               "quarter": "trimestre a trimestre", "year": "año tras año"}
_GRAIN_PER = {"day": "por día", "week": "por semana", "month": "por mes", "quarter": "por trimestre",
              "year": "por año"}
_COUNT_HEAD = Noun(sg="número", pl="números", gender="m")


def agree(forms: tuple[str, str, str, str], n: Noun, number: Number | None = None) -> str:
    pl = (number or n.number) == "pl"
    return forms[(2 if pl else 0) + (1 if n.gender == "f" else 0)]


def article(n: Noun, number: Number | None = None) -> str:
    pl = (number or n.number) == "pl"
    word = n.form(number)
    if pl:
        return f"{'las' if n.gender == 'f' else 'los'} {word}"
    return f"{'el' if n.gender == 'm' or n.el else 'la'} {word}"


def de(n: Noun, number: Number | None = None) -> str:
    phrase = article(n, number)
    return "del " + phrase[3:] if phrase.startswith("el ") else "de " + phrase


def a(n: Noun, number: Number | None = None) -> str:
    phrase = article(n, number)
    return "al " + phrase[3:] if phrase.startswith("el ") else "a " + phrase


# Nouns that name a measure of money rather than money itself: "el importe donado más
# alto", never "más importe donado".
_MEASURES = ("importe", "volumen", "valor", "precio", "coste")


def _measure(n: Noun) -> bool:
    return n.sg.split(" ", 1)[0] in _MEASURES


_ALTO = ("alto", "alta", "altos", "altas")
_BAJO = ("bajo", "baja", "bajos", "bajas")
_LARGO = ("largo", "larga", "largos", "largas")
_CORTO = ("corto", "corta", "cortos", "cortas")
_CUANTO = ("cuántos", "cuántas", "cuántos", "cuántas")
_EL_DE = ("el", "la", "los", "las")
_PRIMERO = ("primeros", "primeras", "primeros", "primeras")


class Spanish(Phrasebook):
    code = "es"

    def _head(self, m: MetricWords) -> Noun:
        return _COUNT_HEAD if m.kind == "count" else m.noun

    def _subject(self, m: MetricWords) -> str:
        if m.kind == "count":
            return f"el número de {m.noun.pl}"
        return article(m.noun)

    def _bare(self, m: MetricWords) -> str:
        return f"número de {m.noun.pl}" if m.kind == "count" else m.noun.form()

    def _of(self, m: MetricWords) -> str:
        return de(m.noun, "pl") if m.kind == "count" else de(m.noun)

    def _plural(self, m: MetricWords) -> bool:
        return self._head(m).plural

    def _v(self, m: MetricWords, sg: str, pl: str) -> str:
        return pl if self._plural(m) else sg

    def _superlative(self, m: MetricWords, lowest: bool) -> str:
        """"la tasa de cancelación más alta", "el plazo de entrega más corto"."""
        n = m.noun
        forms = (_CORTO if lowest else _LARGO) if m.duration_unit else (_BAJO if lowest else _ALTO)
        return f"{article(n)} más {agree(forms, n)}"

    def _most(self, m: MetricWords, lowest: bool) -> tuple[str, str, str]:
        """(verb singular, verb plural, object)."""
        more = "menos" if lowest else "más"
        if m.kind == "count":
            return "tiene", "tienen", f"{more} {m.noun.pl}"
        if m.kind == "amount" and m.money and not m.lower_is_better and not _measure(m.noun):
            return "genera", "generan", f"{more} {m.noun.form()}"
        if m.kind == "amount" and not m.money and not m.lower_is_better:
            return "tiene", "tienen", f"{more} {m.noun.form()}"
        return "tiene", "tienen", self._superlative(m, lowest)

    def _where(self, w: Where, style: str = "en") -> str:
        n = w.dim.noun.as_number("sg")
        if style == "de":
            return f"{de(n)} {w.value}"
        if w.dim.at:
            return f"para {article(n)} {w.value}"
        return f"en {article(n)} {w.value}"

    def _wheres(self, a: Ask, style: str = "en") -> str:
        return self._suffix([self._where(w, style) for w in a.where])

    def _q(self, text: str) -> str:
        return f"¿{capitalise(text)}?"

    def _when(self, a: Ask) -> str:
        if a.since is None:
            return ""
        kind, f = span_kind(a.since, a.until), self.fmt
        if kind == "since":
            return f"desde {f.month_year(a.since)}"
        if kind == "month":
            return f"en {f.month_year(a.since)}"
        if kind == "quarter":
            return f"en el {f.quarter_year(a.since)}"
        assert a.until is not None
        return f"de {f.month_year(a.since)} a {f.month_year(last_day(a.until))}"

    def _front(self, a: Ask, text: str, *, ours: bool = True) -> str:
        """"Desde marzo de 2025, ¿qué regiones…?" (the question marks go round the question only)."""
        when = self._when(a)
        if not when:
            return text
        if text.startswith("¿"):
            return f"{capitalise(when)}, ¿{lower_first(text[1:]) if ours else text[1:]}"
        return f"{capitalise(when)}, {lower_first(text) if ours else text}"

    # --- questions -------------------------------------------------------------------
    def question(self, a: Ask) -> str:
        return self._front(a, super().question(a))

    def q_total(self, a: Ask) -> str:
        m = a.metric
        if m.kind == "count":
            return self._q(f"{agree(_CUANTO, m.noun, 'pl')} {m.noun.pl} hemos tenido{self._wheres(a)} en total")
        if m.kind == "amount":
            return self._q(f"a cuánto {self._v(m, 'asciende', 'ascienden')} {self._subject(m)}{self._wheres(a)} en total")
        return self._q(f"{self._v(m, 'cuál es', 'cuáles son')} {self._subject(m)}{self._wheres(a)} en todo el periodo")

    def q_trend(self, a: Ask) -> str:
        m, g = a.metric, a.grain or "month"
        if a.variant % 2 and not a.where:
            if m.kind == "count":
                return self._q(f"{agree(_CUANTO, m.noun, 'pl')} {m.noun.pl} tuvimos {_GRAIN_PER[g]}")
            return self._q(f"{self._v(m, 'cuál fue', 'cuáles fueron')} {self._subject(m)} {_GRAIN_PER[g]}")
        return self._q(f"cómo {self._v(m, 'ha', 'han')} evolucionado {self._subject(m)}{self._wheres(a)} {_GRAIN_EACH[g]}")

    def q_ranking(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        sg, pl, obj = self._most(m, a.lowest)
        if a.limit:
            return self._q(f"cuáles son {article(d.noun, 'pl').split(' ', 1)[0]} {a.limit} {d.noun.pl}"
                           f"{self._wheres(a, 'de')} que {pl} {obj}")
        if a.variant % 2 and not a.where:
            return self._q(f"qué {d.noun.sg} {sg} {obj}")
        return self._q(f"qué {d.noun.pl}{self._wheres(a, 'de')} {pl} {obj}")

    def q_share(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        if a.variant % 2:
            n = m.noun.as_number("pl") if m.kind == "count" else m.noun
            verb = "reparten" if n.plural else "reparte"
            return self._q(f"cómo se {verb} {article(n)} entre {article(d.noun, 'pl')}")
        verb = "procede" if m.kind == "count" else "aporta"
        if m.kind == "count":
            return self._q(f"qué parte {self._of(m)} {verb} de cada {d.noun.sg}")
        return self._q(f"qué parte {self._of(m)} {verb} cada {d.noun.sg}")

    def q_growth(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        return self._q(f"cómo {self._v(m, 'ha', 'han')} cambiado {self._subject(m)} de cada {d.noun.sg} "
                       "en los últimos doce meses frente a los doce anteriores")

    def q_cycle(self, a: Ask) -> str:
        m = a.metric
        when = "qué día de la semana" if a.cycle == "day_of_week" else "en qué mes del año"
        if m.kind == "count":
            more = "menos" if a.lowest else "más"
            return self._q(f"{when} tenemos {more} {m.noun.pl}{self._wheres(a)}")
        forms = (_CORTO if a.lowest else _LARGO) if m.duration_unit else (_BAJO if a.lowest else _ALTO)
        return self._q(f"{when} {self._v(m, 'es', 'son')} más {agree(forms, m.noun)} {self._subject(m)}{self._wheres(a)}")

    def q_top_per_group(self, a: Ask) -> str:
        m, child, parent = a.metric, a.dims[0], a.dims[1]
        sg, _, obj = self._most(m, a.lowest)
        return self._q(f"qué {child.noun.sg} {sg} {obj} en cada {parent.noun.sg}")

    def q_breakdown(self, a: Ask) -> str:
        m, d, g = a.metric, a.dims[0], a.grain or "quarter"
        # "en cada canal": "el valor medio por suscripción por canal" stacks two "por".
        return self._q(f"cómo {self._v(m, 'ha', 'han')} evolucionado {self._subject(m)} en cada {d.noun.sg} "
                       f"{_GRAIN_EACH[g]}")

    # --- answers ---------------------------------------------------------------------
    def _in_period(self, p: Period) -> str:
        name = self.period_name(p)
        if p.grain == "quarter":
            return f"en el {name}"
        if p.grain == "week":
            return f"en la semana del {name}"
        if p.grain == "day":
            return f"el {name}"
        return f"en {name}"

    def _since_period(self, p: Period) -> str:
        name = self.period_name(p)
        return f"desde el {name}" if p.grain in ("quarter", "day") else f"desde {name}"

    def a_total(self, a: Ask, f: TotalFacts) -> str:
        m = a.metric
        span = (f" entre {self.fmt.month_year(f.start)} y {self.fmt.month_year(f.end)}" if f.start and f.end else "")
        if m.kind == "count":
            noun = m.noun.sg if self.fmt.is_one(f.amount) else m.noun.pl
            return f"En total tuvimos {f.value} {noun}{self._wheres(a)}{span}."
        if m.kind == "amount":
            return f"{capitalise(self._subject(m))}{self._wheres(a)} {self._v(m, 'suma', 'suman')} {f.value} en total{span}."
        prep = "del" if m.kind == "rate" else "de"
        return f"{capitalise(self._subject(m))}{self._wheres(a)} {self._v(m, 'es', 'son')} {prep} {f.value}{span or ' en todo el periodo'}."

    def a_trend(self, a: Ask, f: TrendFacts) -> str:
        m = a.metric
        (p0, v0), (p1, v1), (pk, vk) = f.first, f.last, f.peak
        # Percentages take the article: "pasó del 6,9 % al 5,4 %".
        de_, a_ = ("del", "al") if m.kind == "rate" else ("de", "a")
        peak = {"last": ", su máximo del periodo", "first": ", tras un máximo al inicio del periodo"}.get(
            f.peak_at or "", f", con un máximo {de_} {vk} {self._in_period(pk)}")
        return (f"{capitalise(self._subject(m))}{self._wheres(a)} {self._v(m, 'pasó', 'pasaron')} {de_} {v0} "
                f"{self._in_period(p0)} {a_} {v1} {self._in_period(p1)}{peak}.")

    def a_ranking(self, a: Ask, f: RankingFacts) -> str:
        m, d = a.metric, a.dims[0]
        sg, _, obj = self._most(m, a.lowest)
        text = f"{f.top} {sg} {obj}: {f.top_value}"
        if f.second is not None:
            if a.lowest:
                text += f", y después {f.second} ({f.second_value})"
            elif f.ratio is not None and f.ratio >= 1.05:
                if obj.startswith(("el ", "la ", "los ", "las ")):
                    text += f", {self.fmt.ratio(f.ratio)} veces {agree(_EL_DE, m.noun)} de {f.second} ({f.second_value})"
                else:
                    text += f", {self.fmt.ratio(f.ratio)} veces más que {f.second} ({f.second_value})"
            else:
                text += f", justo por delante de {f.second} ({f.second_value})"
        one = self.fmt.is_one(f.n)
        return self._front(a, f"{text}; se {'comparó' if one else 'compararon'} {f.n} {d.noun.sg if one else d.noun.pl}.",
                           ours=False)

    def a_share(self, a: Ask, f: ShareFacts) -> str:
        d = a.dims[0]
        text = f"{f.top} aporta la mayor parte {self._of(a.metric)}: {f.top_share}"
        if f.top3_share and f.n > 3:
            text += f"; {agree(_EL_DE, d.noun, 'pl')} tres {agree(_PRIMERO, d.noun, 'pl')} suman {f.top3_share}"
        return text + "."

    def a_growth(self, a: Ask, f: GrowthFacts) -> str:
        text = (f"En los últimos doce meses, {f.best} registró la variación {self._of(a.metric)} más alta "
                f"frente a los doce anteriores: {f.best_change}")
        if f.worst is not None:
            text += f"; {f.worst}, la más baja ({f.worst_change})"
        return text + "."

    def a_cycle(self, a: Ask, f: CycleFacts) -> str:
        m = a.metric
        day = a.cycle == "day_of_week"
        at = (lambda x: f"el {x}") if day else (lambda x: f"en {x}")
        calm = "flojo" if m.kind in ("count", "amount") else "bajo"  # a rate has low months, not slack ones
        quiet = f"el día más {calm}" if day else f"el mes más {calm}"
        low = f"el {f.low}" if day else f.low
        # A volume is "n veces más que" the slack month; a rate is n times the low month's
        # rate: "la del mes más bajo" (agreeing with the metric's noun).
        ratio = self.fmt.ratio(f.ratio) if f.ratio else ""
        times = (f"{ratio} veces más que {quiet}" if m.kind in ("count", "amount")
                 else f"{ratio} veces {agree(_EL_DE, m.noun)} del {quiet[3:]}")
        tail = (f", {times}, {low} ({f.low_value})"
                if f.ratio and f.ratio >= 1.05 else f"; {quiet} es {low} ({f.low_value})")
        if m.kind == "count":
            return f"Tenemos más {m.noun.pl}{self._wheres(a)} {at(f.peak)} ({f.peak_value}){tail}."
        return (f"{capitalise(self._subject(m))}{self._wheres(a)} {self._v(m, 'alcanza', 'alcanzan')} su máximo "
                f"{at(f.peak)} ({f.peak_value}){tail}.")

    def a_top_per_group(self, a: Ask, f: TopPerGroupFacts) -> str:
        m, parent = a.metric, a.dims[1]
        pairs = "; ".join(f"{g}: {w} ({v})" for g, w, v in f.pairs[:4])
        more = f"; {f.n} {parent.noun.pl} en total" if f.n > 4 else ""
        return f"Líder en {self._bare(m)} por {parent.noun.sg} — {pairs}{more}."

    def a_breakdown(self, a: Ask, f: BreakdownFacts) -> str:
        m = a.metric
        # "lideró en número de citas con 1.121", "con un 5,7 %" (a percentage takes "un").
        value = f"un {f.top_value}" if m.kind == "rate" else f.top_value
        text = f"{capitalise(self._in_period(f.latest))}, {f.top} lideró en {self._bare(m)} con {value}"
        if f.grower and f.growth:
            moved = "la menor caída fue la" if f.all_fell else "el mayor crecimiento fue el"
            text += f"; {self._since_period(f.first)}, {moved} de {f.grower} ({f.growth})"
        return text + "."

    # --- names -----------------------------------------------------------------------
    def metric_name(self, m: MetricWords, *, capital: bool = False) -> str:
        text = self._bare(m)
        return capitalise(text) if capital else text

    def metric_phrase(self, m: MetricWords) -> str:
        return self._subject(m)

    def of_name(self, name: str) -> str:
        return f"de {name}"

    def quote(self, text: str) -> str:
        return f"«{text}»"

    def dimension_name(self, d: DimensionWords, *, plural: bool = False, capital: bool = False) -> str:
        text = d.noun.pl if plural else d.noun.sg
        return capitalise(text) if capital else text

    def period_name(self, p: Period) -> str:
        return self.fmt.period(p.start, p.grain)

