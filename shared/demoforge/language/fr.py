"""French: articles with elision (l'), contractions (du, des, au, aux), interrogatives and
adjectives agreeing in gender and number (quelle, la plus élevée, celles), inversion with
the agreeing pronoun (a-t-elle évolué), French spacing before : ; ? (non-breaking)."""

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
from demoforge.language.nouns import Noun, Number, starts_with_vowel
from demoforge.language.words import DimensionWords, MetricWords

NB = "\u00a0"  # before : ; ? ! and inside numbers, as French typography wants
_GRAIN_EACH = {"day": "jour après jour", "week": "semaine après semaine", "month": "mois par mois",
               "quarter": "trimestre par trimestre", "year": "année après année"}
_GRAIN_PER = {"day": "par jour", "week": "par semaine", "month": "par mois", "quarter": "par trimestre",
              "year": "par an"}
_COUNT_HEAD = Noun(sg="nombre", pl="nombres", gender="m")


def _key(n: Noun, number: Number | None = None) -> tuple[str, bool]:
    return n.gender, (number or n.number) == "pl"


def agree(forms: tuple[str, str, str, str], n: Noun, number: Number | None = None) -> str:
    """(m sg, f sg, m pl, f pl) chosen for ``n``."""
    g, pl = _key(n, number)
    return forms[(2 if pl else 0) + (1 if g == "f" else 0)]


def article(n: Noun, number: Number | None = None) -> str:
    """"le chiffre d'affaires", "la région", "l'hôtel", "les coûts"."""
    g, pl = _key(n, number)
    word = n.form(number)
    if pl:
        return f"les {word}"
    if starts_with_vowel(word, n.elide):
        return f"l'{word}"
    return f"{'la' if g == 'f' else 'le'} {word}"


def de(n: Noun, number: Number | None = None) -> str:
    """"du chiffre d'affaires", "de la région", "de l'hôtel", "des commandes"."""
    phrase = article(n, number)
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return "de " + phrase


def de_bare(word: str) -> str:
    """"de commandes", "d'employés"."""
    return f"d'{word}" if starts_with_vowel(word) else f"de {word}"


def de_name(name: str) -> str:
    """"de Hessen", "d'Empfehlung" (names: a written vowel elides, an h does not)."""
    return f"d'{name}" if name[:1].lower() in "aeiouyàâéèêîôû" else f"de {name}"


def que_name(name: str) -> str:
    return f"qu'{name}" if name[:1].lower() in "aeiouyàâéèêîôû" else f"que {name}"


def a(n: Noun, number: Number | None = None) -> str:
    phrase = article(n, number)
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def quel(n: Noun, number: Number | None = None) -> str:
    return agree(("quel", "quelle", "quels", "quelles"), n, number)


def pronoun(n: Noun, number: Number | None = None) -> str:
    return agree(("il", "elle", "ils", "elles"), n, number)


# Nouns that name a measure of money rather than money itself: "le montant des dons le
# plus élevé", never "le plus de montant des dons".
_MEASURES = ("montant", "volume", "encours", "valeur", "prix", "coût")


def _measure(n: Noun) -> bool:
    return n.sg.split(" ", 1)[0] in _MEASURES


_ELEVE = ("élevé", "élevée", "élevés", "élevées")
_FAIBLE = ("faible", "faible", "faibles", "faibles")
_LONG = ("long", "longue", "longs", "longues")
_COURT = ("court", "courte", "courts", "courtes")
_PASSE = ("passé", "passée", "passés", "passées")
_CELUI = ("celui", "celle", "ceux", "celles")
_COMPARE = ("comparé", "comparée", "comparés", "comparées")
_PREMIER = ("premier", "première", "premiers", "premières")


class French(Phrasebook):
    code = "fr"

    def _head(self, m: MetricWords) -> Noun:
        """The noun the metric's phrases agree with ("nombre" for counts)."""
        return _COUNT_HEAD if m.kind == "count" else m.noun

    def _subject(self, m: MetricWords) -> str:
        if m.kind == "count":
            return f"le nombre {de_bare(m.noun.pl)}"
        return article(m.noun)

    def _bare(self, m: MetricWords) -> str:
        """"chiffre d'affaires", "nombre de commandes" (after par, de)."""
        return f"nombre {de_bare(m.noun.pl)}" if m.kind == "count" else m.noun.form()

    def _of(self, m: MetricWords) -> str:
        """"du chiffre d'affaires", "des commandes"."""
        return de(m.noun, "pl") if m.kind == "count" else de(m.noun)

    def _superlative(self, m: MetricWords, lowest: bool) -> str:
        """"le taux d'annulation le plus élevé", "la note moyenne la plus faible"."""
        n = m.noun
        forms = (_COURT if lowest else _LONG) if m.duration_unit else (_FAIBLE if lowest else _ELEVE)
        art = agree(("le", "la", "les", "les"), n)
        return f"{article(n)} {art} plus {agree(forms, n)}"

    def _most(self, m: MetricWords, lowest: bool) -> tuple[str, str]:
        """(verb, object): ("comptent", "le plus de commandes"), ("génèrent", "le plus de chiffre
        d'affaires"), ("ont", "le taux d'annulation le plus élevé")."""
        more = "le moins" if lowest else "le plus"
        if m.kind == "count":
            return "compt", f"{more} {de_bare(m.noun.pl)}"
        if m.kind == "amount" and m.money and not m.lower_is_better and not _measure(m.noun):
            return "génèr", f"{more} {de_bare(m.noun.form())}"
        return "a", self._superlative(m, lowest)

    def _conj(self, stem: str, plural: bool) -> str:
        if stem == "a":
            return "ont" if plural else "a"
        return stem + ("ent" if plural else "e")

    def _where(self, w: Where, style: str = "dans") -> str:
        n = w.dim.noun.as_number("sg")
        if style == "de":
            return f"{de(n)} {w.value}"
        if w.dim.at:
            return f"pour {article(n)} {w.value}"
        return f"dans {article(n)} {w.value}"

    def _wheres(self, a: Ask, style: str = "dans") -> str:
        return self._suffix([self._where(w, style) for w in a.where])

    def _q(self, text: str) -> str:
        return f"{capitalise(text)}{NB}?"

    def _when(self, a: Ask) -> str:
        if a.since is None:
            return ""
        kind, f = span_kind(a.since, a.until), self.fmt
        if kind == "since":
            return f"depuis {f.month_year(a.since)}"
        if kind == "month":
            return f"en {f.month_year(a.since)}"
        if kind == "quarter":
            return f"au {f.quarter_year(a.since)}"
        assert a.until is not None
        return f"de {f.month_year(a.since)} à {f.month_year(last_day(a.until))}"

    def _front(self, a: Ask, text: str, *, ours: bool = True) -> str:
        when = self._when(a)
        return f"{capitalise(when)}, {lower_first(text) if ours else text}" if when else text

    # --- questions -------------------------------------------------------------------
    def question(self, a: Ask) -> str:
        return self._front(a, super().question(a))

    def q_total(self, a: Ask) -> str:
        m = a.metric
        if m.kind == "count":
            return self._q(f"quel est le nombre total {de_bare(m.noun.pl)}{self._wheres(a)}")
        if m.kind == "amount":
            verb = "s'élèvent" if m.noun.plural else "s'élève"
            return self._q(f"à combien {verb} {self._subject(m)}{self._wheres(a)} au total")
        be = "sont" if m.noun.plural else "est"
        return self._q(f"{quel(m.noun)} {be} {self._subject(m)}{self._wheres(a)} sur l'ensemble de la période")

    def q_trend(self, a: Ask) -> str:
        m, g = a.metric, a.grain or "month"
        head = self._head(m)
        if a.variant % 2 and not a.where:
            return self._q(f"{quel(head)} {'ont' if head.plural else 'a'} été {self._subject(m)} {_GRAIN_PER[g]}")
        have = "ont" if head.plural else "a"
        return self._q(f"comment {self._subject(m)} {have}-t-{pronoun(head)} évolué {_GRAIN_EACH[g]}{self._wheres(a)}"
                       .replace("ont-t-", "ont-"))

    def q_ranking(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        stem, obj = self._most(m, a.lowest)
        if a.limit:
            return self._q(f"{quel(d.noun, 'pl')} sont {article(d.noun, 'pl').split(' ', 1)[0]} {a.limit} "
                           f"{d.noun.pl}{self._wheres(a, 'de')} qui {self._conj(stem, True)} {obj}")
        if a.variant % 2 and not a.where:
            return self._q(f"{quel(d.noun, 'sg')} {d.noun.sg} {self._conj(stem, False)} {obj}")
        return self._q(f"{quel(d.noun, 'pl')} {d.noun.pl}{self._wheres(a, 'de')} {self._conj(stem, True)} {obj}")

    def q_share(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        if a.variant % 2:
            n = m.noun.as_number("pl") if m.kind == "count" else m.noun
            verb = "répartissent" if n.plural else "répartit"
            return self._q(f"comment {article(n)} se {verb}-{pronoun(n)} entre {article(d.noun, 'pl')}")
        return self._q(f"quelle part {self._of(m)} revient à chaque {d.noun.sg}")

    def q_growth(self, a: Ask) -> str:
        m, d = a.metric, a.dims[0]
        head = self._head(m)
        have = "ont" if head.plural else "a"
        return self._q(f"comment {self._subject(m)} de chaque {d.noun.sg} {have}-t-{pronoun(head)} évolué "
                       "sur les douze derniers mois par rapport aux douze précédents".replace("ont-t-", "ont-"))

    def q_cycle(self, a: Ask) -> str:
        m = a.metric
        when = "le jour de la semaine" if a.cycle == "day_of_week" else "le mois de l'année"
        if m.kind == "count":
            stem, obj = self._most(m, a.lowest)
            return self._q(f"quel est {when} qui compte{self._wheres(a)} {obj}")
        n = m.noun
        be = "sont" if n.plural else "est"
        forms = (_COURT if a.lowest else _LONG) if m.duration_unit else (_FAIBLE if a.lowest else _ELEVE)
        art = agree(("le", "la", "les", "les"), n)
        return self._q(f"quel est {when} où {self._subject(m)}{self._wheres(a)} {be} {art} plus {agree(forms, n)}")

    def q_top_per_group(self, a: Ask) -> str:
        m, child, parent = a.metric, a.dims[0], a.dims[1]
        stem, obj = self._most(m, a.lowest)
        return self._q(f"{quel(child.noun, 'sg')} {child.noun.sg} {self._conj(stem, False)} {obj} "
                       f"dans chaque {parent.noun.sg}")

    def q_breakdown(self, a: Ask) -> str:
        m, d, g = a.metric, a.dims[0], a.grain or "quarter"
        head = self._head(m)
        have = "ont" if head.plural else "a"
        # "selon le canal": "la valeur moyenne par abonnement par canal" stacks two "par".
        return self._q(f"comment {self._subject(m)} {have}-t-{pronoun(head)} évolué selon {article(d.noun, 'sg')}, "
                       f"{_GRAIN_EACH[g]}".replace("ont-t-", "ont-"))

    # --- answers ---------------------------------------------------------------------
    def _in_period(self, p: Period) -> str:
        name = self.period_name(p)
        if p.grain == "quarter":
            return f"au {name}"
        if p.grain == "week":
            return f"la semaine du {name}"
        if p.grain == "day":
            return f"le {name}"
        return f"en {name}"

    def _since_period(self, p: Period) -> str:
        name = self.period_name(p)
        return f"depuis le {name}" if p.grain in ("quarter", "day") else f"depuis {name}"

    def a_total(self, a: Ask, f: TotalFacts) -> str:
        m = a.metric
        span = (f", de {self.fmt.month_year(f.start)} à {self.fmt.month_year(f.end)}"
                if f.start and f.end else "")
        if m.kind == "count":
            noun = m.noun.sg if self.fmt.is_one(f.amount) else m.noun.pl
            return f"Nous avons enregistré {f.value} {noun}{self._wheres(a)} au total{span}."
        if m.kind == "amount":
            verb = "s'élèvent" if m.noun.plural else "s'élève"
            return f"{capitalise(self._subject(m))}{self._wheres(a)} {verb} à {f.value} au total{span}."
        be = "sont" if m.noun.plural else "est"
        span = (f" de {self.fmt.month_year(f.start)} à {self.fmt.month_year(f.end)}" if f.start and f.end
                else " sur l'ensemble de la période")
        return f"{capitalise(self._subject(m))}{self._wheres(a)} {be} de {f.value}{span}."

    def a_trend(self, a: Ask, f: TrendFacts) -> str:
        m = a.metric
        head = self._head(m)
        (p0, v0), (p1, v1), (pk, vk) = f.first, f.last, f.peak
        be = "sont" if head.plural else "est"
        peak = {"last": ", son plus haut niveau sur la période", "first": ", après un pic en début de période"}.get(
            f.peak_at or "", f", avec un pic à {vk} {self._in_period(pk)}")
        return (f"{capitalise(self._subject(m))}{self._wheres(a)} {be} {agree(_PASSE, head)} de {v0} "
                f"{self._in_period(p0)} à {v1} {self._in_period(p1)}{peak}.")

    def a_ranking(self, a: Ask, f: RankingFacts) -> str:
        m, d = a.metric, a.dims[0]
        stem, obj = self._most(m, a.lowest)
        text = f"{f.top} {self._conj(stem, False)} {obj}{NB}: {f.top_value}"
        if f.second is not None:
            if a.lowest:
                text += f", puis {f.second} ({f.second_value})"
            elif f.ratio is not None and f.ratio >= 1.05:
                if stem == "a":
                    text += f", soit {self.fmt.ratio(f.ratio)} fois {agree(_CELUI, m.noun)} {de_name(f.second)} ({f.second_value})"
                else:
                    text += f", soit {self.fmt.ratio(f.ratio)} fois plus {que_name(f.second)} ({f.second_value})"
            else:
                text += f", juste devant {f.second} ({f.second_value})"
        one = self.fmt.is_one(f.n)
        noun = d.noun.sg if one else d.noun.pl
        return self._front(a, f"{text}{NB}; {f.n} {noun} {agree(_COMPARE, d.noun, 'sg' if one else 'pl')}.",
                           ours=False)

    def a_share(self, a: Ask, f: ShareFacts) -> str:
        d = a.dims[0]
        text = f"{f.top} représente la plus grande part {self._of(a.metric)}{NB}: {f.top_share}"
        if f.top3_share and f.n > 3:
            text += f"{NB}; les trois {agree(_PREMIER, d.noun, 'pl')} cumulent {f.top3_share}"
        return text + "."

    def a_growth(self, a: Ask, f: GrowthFacts) -> str:
        m = a.metric
        of = f"du {self._bare(m)}" if m.kind == "count" else self._of(m)
        text = (f"Sur les douze derniers mois, {f.best} a connu la variation {of} la plus "
                f"élevée par rapport aux douze précédents{NB}: {f.best_change}")
        if f.worst is not None:
            text += f"{NB}; {f.worst}, la plus basse ({f.worst_change})"
        return text + "."

    def a_cycle(self, a: Ask, f: CycleFacts) -> str:
        m = a.metric
        day = a.cycle == "day_of_week"
        at = (lambda x: f"le {x}") if day else (lambda x: f"en {x}")
        calm = "calme" if m.kind in ("count", "amount") else "bas"  # a rate has low months, not quiet ones
        unit = "jour" if day else "mois"
        quiet = f"le {unit} le plus {calm}"
        # A volume is "n fois plus que" the quiet month; a rate is n times the low month's
        # rate: "celui du mois le plus bas" (agreeing with the metric's noun).
        ratio = self.fmt.ratio(f.ratio) if f.ratio else ""
        times = (f"{ratio} fois plus que {quiet}" if m.kind in ("count", "amount")
                 else f"{ratio} fois {agree(_CELUI, m.noun)} du {unit} le plus {calm}")
        tail = (f", soit {times}, {f.low} ({f.low_value})"
                if f.ratio and f.ratio >= 1.05 else f"{NB}; {quiet}{NB}: {f.low} ({f.low_value})")
        if m.kind == "count":
            return f"C'est {at(f.peak)} que nous comptons le plus {de_bare(m.noun.pl)}{self._wheres(a)} ({f.peak_value}){tail}."
        n = m.noun
        be = "sont" if n.plural else "est"
        art = agree(("le", "la", "les", "les"), n)
        return (f"{capitalise(self._subject(m))}{self._wheres(a)} {be} {art} plus {agree(_ELEVE, n)} "
                f"{at(f.peak)} ({f.peak_value}){tail}.")

    def a_top_per_group(self, a: Ask, f: TopPerGroupFacts) -> str:
        m, parent = a.metric, a.dims[1]
        pairs = f"{NB}; ".join(f"{g}{NB}: {w} ({v})" for g, w, v in f.pairs[:4])
        more = f"{NB}; {f.n} {parent.noun.pl} au total" if f.n > 4 else ""
        return f"En tête pour {self._subject(m)} dans chaque {parent.noun.sg} — {pairs}{more}."

    def a_breakdown(self, a: Ask, f: BreakdownFacts) -> str:
        m = a.metric
        subject = self._subject(m)
        text = f"{capitalise(self._in_period(f.latest))}, {f.top} est en tête pour {subject} avec {f.top_value}"
        if f.grower and f.growth:
            moved = "la plus faible baisse" if f.all_fell else "la plus forte progression"
            text += f"{NB}; {self._since_period(f.first)}, {moved} est celle {de_name(f.grower)} ({f.growth})"
        return text + "."

    # --- names -----------------------------------------------------------------------
    def metric_name(self, m: MetricWords, *, capital: bool = False) -> str:
        text = self._bare(m)
        return capitalise(text) if capital else text

    def metric_phrase(self, m: MetricWords) -> str:
        return self._subject(m)

    def of_name(self, name: str) -> str:
        """"d'Alpine Outfitters", "de Ledgerly"."""
        return de_name(name)

    def quote(self, text: str) -> str:
        return f"«{NB}{text}{NB}»"

    def dimension_name(self, d: DimensionWords, *, plural: bool = False, capital: bool = False) -> str:
        text = d.noun.pl if plural else d.noun.sg
        return capitalise(text) if capital else text

    def period_name(self, p: Period) -> str:
        return self.fmt.period(p.start, p.grain)

