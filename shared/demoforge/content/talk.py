"""The demo script as a 20-minute talk track, built from proven questions and stories.

Agenda with timings; an opening in the prospect's terms (its offerings and places, the
KPIs the data can compute); a warm-up on the numbers the business runs on; three story
arcs, each question -> verified answer with numbers -> follow-up drill-down -> business
implication; discovery questions; objection handling; close and next steps; and notes for
the presenter only (KPIs dropped because the data cannot compute them, stories that did
not show). Every sentence comes from the job language's phrase builder; every number from
an executed result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from demoforge.content.facts import member
from demoforge.content.generated import Asked, SemanticContent, StoryResult
from demoforge.content.kpis import KpiMapping
from demoforge.content.questions import time_key
from demoforge.domain import industries
from demoforge.language.base import Period, Phrasebook
from demoforge.language.words import DimensionWords, dimension_words, metric_words
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Dimension

# Minutes per block of the 20-minute track (three arcs of four minutes).
_MINUTES = {"opening": 2, "warmup": 3, "arc": 4, "discovery": 2, "close": 1}
ARCS = 3


@dataclasses.dataclass
class Exchange:
    question: str
    answer: str
    sql: str


@dataclasses.dataclass
class Arc:
    title: str
    minutes: int
    ask: Exchange
    follow_up: Exchange | None
    implication: str
    verified: bool


@dataclasses.dataclass
class TalkTrack:
    language: str
    title: str
    agenda: list[tuple[str, int]]
    opening: list[str]
    warmup: list[Exchange]
    arcs: list[Arc]
    discovery: list[str]
    objections: list[tuple[str, str]]
    close: list[str]
    notes: list[str]  # for the presenter only

    @property
    def minutes(self) -> int:
        return sum(m for _, m in self.agenda)


def _exchange(a: Asked) -> Exchange:
    return Exchange(question=a.query.question, answer=a.query.answer, sql=a.query.sql)


def _months(check_months: Sequence[int] | None, pb: Phrasebook) -> str:
    return pb.listing([pb.fmt.month_name(m) for m in check_months or []])


def story_words(s: StoryResult, pb: Phrasebook, spec: DatasetSpec) -> dict[str, str]:
    """The values a story's title and implication are written with, in the locale."""
    c = s.check
    e = c.expect
    after = e.after or c.detect.since
    words = {"subject": story_subject(s, pb, spec), "date": pb.fmt.month_year(after) if after else "",
             "metric": pb.metric_name(metric_words(spec.semantic.metric(c.detect.metric), pb.code)),
             "factor": pb.fmt.ratio(s.evidence.ratio or c.factor or 1.0),
             "months": _months(e.months, pb), "other": "", "weekday": "",
             "season": pb.text(f"season_{c.season}") if c.season else "",
             "period": pb.period_name(Period(e.after, "quarter")) if e.kind == "peak_in" and e.after else ""}
    if c.follow_up is not None and c.follow_up.where and c.kind == "promotion_cannibalisation":
        other = c.follow_up.where[0]
        words["other"] = member(other.values[0], pb, spec.semantic.dimension(other.dimension))
    return words


def story_subject(s: StoryResult, pb: Phrasebook, spec: DatasetSpec) -> str:
    """What the story is tied to, as a person reads it (a code by its label, a name as is)."""
    c = s.check
    if not c.subject:
        return ""
    dims = {d.name: d for d in spec.semantic.dimensions}
    return member(c.subject, pb, dims.get(c.subject_dimension or ""))


def story_title(s: StoryResult, pb: Phrasebook, spec: DatasetSpec) -> str:
    return pb.text(f"story_{s.check.kind}", **story_words(s, pb, spec))


def story_implication(s: StoryResult, pb: Phrasebook, spec: DatasetSpec) -> str:
    return pb.text(f"impl_{s.check.kind}", **story_words(s, pb, spec))


def _pick_warmup(content: SemanticContent, n: int = 3) -> list[Asked]:
    simple = [a for a in content.asked if a.query.status == "passed" and not a.plan.story
              and a.plan.difficulty in ("simple", "medium")]
    out: list[Asked] = []
    for a in simple:
        if len(out) >= n:
            break
        if all(a.plan.kind != b.plan.kind or a.plan.query.metric != b.plan.query.metric for b in out):
            out.append(a)
    return out


def build_talk_track(*, company: str, research: Mapping[str, Any], spec: DatasetSpec, content: SemanticContent,
                     kpis: KpiMapping, pb: Phrasebook, row_counts: Mapping[str, int], dataset: str,
                     max_bytes_billed: int) -> TalkTrack:
    t = pb.text
    verified = [s for s in content.stories if s.evidence.ok and s.detect is not None
                and s.detect.query.status == "passed"]
    arcs: list[Arc] = []
    for s in verified[:ARCS]:
        assert s.detect is not None
        follow = s.follow_up if s.follow_up is not None and s.follow_up.query.status == "passed" else None
        arcs.append(Arc(title=story_title(s, pb, spec), minutes=_MINUTES["arc"], ask=_exchange(s.detect),
                        follow_up=_exchange(follow) if follow else None,
                        implication=story_implication(s, pb, spec), verified=True))
    # Fewer than three stories showed: the hardest proven questions carry the other arcs.
    extra = [a for a in content.asked if a.query.status == "passed" and not a.plan.story
             and a.plan.difficulty in ("hard", "expert")]
    for a in extra:
        if len(arcs) >= ARCS:
            break
        arcs.append(Arc(title=t("arc_generic_title", metric=pb.metric_name(
            metric_words(spec.semantic.metric(a.plan.query.metric), pb.code), capital=True)),
            minutes=_MINUTES["arc"], ask=_exchange(a), follow_up=None, implication=t("arc_generic_implication"),
            verified=True))
    warmup = [_exchange(a) for a in _pick_warmup(content)]
    agenda = [(t("agenda_opening"), _MINUTES["opening"]), (t("agenda_warmup"), _MINUTES["warmup"])]
    agenda += [(t("agenda_arc", n=i, title=a.title), a.minutes) for i, a in enumerate(arcs, 1)]
    agenda += [(t("agenda_discovery"), _MINUTES["discovery"]), (t("agenda_close"), _MINUTES["close"])]
    # The talk always fills 20 minutes: spare minutes of missing arcs go to discovery.
    spare = 20 - sum(m for _, m in agenda)
    if spare:
        agenda[-2] = (agenda[-2][0], agenda[-2][1] + spare)

    offerings = [str(o) for o in research.get("products_services") or []][:4]
    places = [str(loc.get("city")) for loc in research.get("locations") or [] if isinstance(loc, Mapping)
              and loc.get("city")][:3]
    total_rows = sum(row_counts.values())
    # The period of the first metric (the headline), not of a table that runs on after it.
    head = next((content.coverage[k] for m in spec.semantic.metrics
                 if (k := time_key(m, spec)) is not None and k in content.coverage), None)
    start = head.start if head else None
    end = head.end if head else None
    # Goods are sold, services offered (a clinic does not "sell cardiology").
    code = str(research.get("industry") or spec.industry)
    who = "opening_who" if industries.sells_goods(code) else "opening_who_services"
    opening = [t(who, company=company, offerings=pb.listing(offerings)) if offerings
               else t("opening_who_plain", company=company)]
    if places:
        # Sites only where the data has them (a chain's stores); an online shop or a
        # single office is based there, with customers all over the country.
        sites = any(d.name == "location" for d in spec.semantic.dimensions)
        opening.append(t("opening_places" if sites else "opening_based", places=pb.listing(places)))
    opening.append(t("opening_data", tables=len(spec.tables), rows=pb.fmt.number(total_rows, 0),
                     start=pb.fmt.month_year(start or dt.date.today()), end=pb.fmt.month_year(end or dt.date.today()),
                     dataset=dataset))
    names = [pb.metric_name(metric_words(m, pb.code)) for m in (kpis.metrics or spec.semantic.metrics[:4])][:4]
    opening.append(t("opening_kpis", company=company, kpis=pb.listing(names)))
    opening.append(t("opening_promise", arcs=len(arcs)))

    metrics = spec.semantic.metrics
    dims = [d for d in spec.semantic.dimensions if d.kind != "time"]
    w0 = metric_words(metrics[0], pb.code)
    m0, the0 = pb.metric_name(w0), pb.metric_phrase(w0)
    d0 = pb.dimension_name(_dim_words(dims[0], pb)) if dims else ""
    discovery = [t("discovery_1", metric=m0, metric_the=the0), t("discovery_2", company=company),
                 t("discovery_3", dimension=d0) if d0 else t("discovery_3_plain"),
                 t("discovery_4"), t("discovery_5")]
    objections = [(t("objection_trust_q"), t("objection_trust_a", passed=len(content.passed))),
                  (t("objection_data_q"), t("objection_data_a", company=company)),
                  (t("objection_security_q"), t("objection_security_a", bytes=pb.fmt.number(max_bytes_billed, 0))),
                  (t("objection_definitions_q"), t("objection_definitions_a", metric=m0, metric_the=the0)),
                  (t("objection_hard_q"), t("objection_hard_a"))]
    close = [t("close_recap", company=company, arcs=len(arcs)), t("close_next"), t("close_ask")]
    notes: list[str] = []
    if kpis.dropped:
        notes.append(t("note_kpis_dropped", kpis=pb.listing([pb.kpi_name(k) for k in kpis.dropped])))
    unshown = [s for s in content.stories if not s.evidence.ok]
    if unshown:
        notes.append(t("note_stories_unverified", n=len(unshown)))
    if content.dropped:
        notes.append(t("note_questions_dropped", n=len(content.dropped)))
    return TalkTrack(language=pb.code, title=t("title", company=company), agenda=agenda, opening=opening,
                     warmup=warmup, arcs=arcs, discovery=discovery, objections=objections, close=close, notes=notes)


def _dim_words(d: Dimension, pb: Phrasebook) -> DimensionWords:
    return dimension_words(d, pb.code)


def to_markdown(track: TalkTrack, pb: Phrasebook) -> str:
    def t(key: str, **values: object) -> str:
        text = pb.text(key, **values)
        return text + pb.text("colon") if key.startswith("label_") else text
    out = [f"# {track.title}", "", f"## {t('h_agenda', minutes=track.minutes)}", ""]
    out += [f"{i}. {name} – {t('minutes', n=m)}" for i, (name, m) in enumerate(track.agenda, 1)]
    out += ["", f"## {track.agenda[0][0]}", ""] + [p + "\n" for p in track.opening]
    out += [f"## {track.agenda[1][0]}", ""]
    for x in track.warmup:
        out += [f"**{t('label_ask')}** {x.question}", "", f"**{t('label_answer')}** {x.answer}", ""]
    for i, arc in enumerate(track.arcs, 1):
        out += [f"## {t('agenda_arc', n=i, title=arc.title)} ({t('minutes', n=arc.minutes)})", "",
                f"**{t('label_ask')}** {arc.ask.question}", "", f"**{t('label_answer')}** {arc.ask.answer}", ""]
        if arc.follow_up is not None:
            out += [f"**{t('label_follow_up')}** {arc.follow_up.question}", "",
                    f"**{t('label_answer')}** {arc.follow_up.answer}", ""]
        out += [f"**{t('label_implication')}** {arc.implication}", ""]
    out += [f"## {t('h_discovery')}", ""] + [f"- {q}" for q in track.discovery]
    out += ["", f"## {t('h_objections')}", ""] + [f"- **{q}** {a}" for q, a in track.objections]
    out += ["", f"## {t('h_close')}", ""] + [p + "\n" for p in track.close]
    if track.notes:
        out += [f"## {t('h_notes')}", ""] + [f"- {n}" for n in track.notes]
    return "\n".join(out).rstrip() + "\n"

