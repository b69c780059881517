"""A ``Shape`` and a prospect -> the ``DatasetSpec`` (as the JSON it is written in).

The tables are composed from reusable parts, each a small function: the places customers
live in (a real gazetteer), the business's locations, sellers, customers, the catalogue,
staff, the transactions (one offering each, or with line items), and the shape's child
tables. Every part declares its consistency rules (conditioned statuses, excluded voided
parents, staff matched to the location and hired before the row, sign-up before the first
transaction, nothing after a churn date or the run date), its metrics and dimensions
(the semantic layer), and the four planted stories come with their revealing queries.
Golden questions are built from the metrics (``metric_sql``) and the stories."""

from __future__ import annotations

from demoforge.synth.templates.compose_base import Prospect
from demoforge.synth.templates.compose_columns import J
from demoforge.synth.templates.compose_entities import EntityParts
from demoforge.synth.templates.compose_stories import StoryParts
from demoforge.synth.templates.compose_transactions import TransactionParts
from demoforge.synth.templates.shape_model import Shape


class Composer(EntityParts, TransactionParts, StoryParts):
    """Builds one spec; parts append tables, metrics, dimensions and queries."""

    def _unshadow(self) -> None:
        """A metric named like a table (``customers``) would alias a table in its SQL,
        which BigQuery reads as the row itself: such metrics are counts, named ``*_count``."""
        tables = {t["name"] for t in self.tables}
        self.metrics = [m.model_copy(update={"name": f"{m.name}_count"}) if m.name in tables else m for m in self.metrics]

    def build(self) -> J:
        self.places()
        self.locations()
        self.sellers()
        self.customers()
        self.offerings()
        self.staff()
        self.header()
        self.lines()
        self.revenue()
        self.children()
        shadowed = {m.name for m in self.metrics} & {t["name"] for t in self.tables}
        self._unshadow()
        self.stories_and_queries()
        self.glossary_terms()
        wanted = [f"{x}_count" if x in shadowed else x for x in self.s.kpis]
        kpis = [x for x in wanted if any(mm.name == x for mm in self.metrics)]
        return {
            "name": f"{self.s.key.replace('.', '_')}_demo", "industry": self.s.industry, "shape": self.s.key,
            "description": f"{self.s.label}: {self.s.blurb}", "seed": self.p.seed, "tables": self.tables,
            "glossary": self.glossary, "stories": self.stories, "golden_queries": self.queries,
            "kpis": [next(mm.label for mm in self.metrics if mm.name == x) for x in kpis],
            "semantic": {"metrics": [x.model_dump(mode="json", exclude_defaults=True) for x in self.metrics],
                         "dimensions": [x.model_dump(mode="json", exclude_defaults=True) for x in self.dims]},
            "country": self.p.setting.country, "currency": self.cur, "language": self.p.setting.language,
            "locale": self.p.setting.locale, "as_of": self.p.as_of.isoformat(),
        }


def compose(shape: Shape, prospect: Prospect) -> J:
    return Composer(shape, prospect).build()
