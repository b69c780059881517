"""What every part of ``compose`` shares: the resolved ``Prospect`` and the state of one
composition (``ComposerBase``): keys, season, holidays, the planted stories' choices
(cohort, hotspot region, anomalous offering) and which customers are active.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from demoforge.spec.semantic import Dimension, Metric
from demoforge.synth.templates.calendar import hemisphere, holiday_factors, months_before
from demoforge.synth.templates.catalogues import CatalogueItem
from demoforge.synth.templates.compose_columns import J
from demoforge.synth.templates.locale import Setting
from demoforge.synth.templates.places import Place
from demoforge.synth.templates.shape_model import CLIMATE, Shape


@dataclasses.dataclass(frozen=True)
class Prospect:
    """What composition needs from the profile, already resolved (places, catalogue)."""

    company: str
    setting: Setting
    as_of: dt.date
    start: dt.date
    seed: int
    catalogue: tuple[CatalogueItem, ...]
    locations: tuple[Place, ...]  # the business's locations (empty: online only)
    customer_places: tuple[Place, ...]
    southern: bool
    sub_industry: str = ""


class ComposerBase:
    """The state of one composition, set up from the shape and the prospect; the parts
    (``EntityParts``, ``TransactionParts``, ``StoryParts``) build on it."""

    def __init__(self, shape: Shape, p: Prospect) -> None:
        self.s, self.p = shape, p
        self.cur = p.setting.currency
        self.tables: list[J] = []
        self.metrics: list[Metric] = []
        self.dims: list[Dimension] = []
        self.queries: list[J] = []
        self.stories: list[J] = []
        self.glossary: list[J] = []
        self.glossary_extra: list[J] = []
        self.monthly = hemisphere(list(shape.monthly), p.southern and shape.monthly in CLIMATE)
        # The busiest month stands out clearly (the seasonal-peak story).
        top = max(range(12), key=lambda i: self.monthly[i])
        if max(self.monthly) > min(self.monthly):
            self.monthly[top] *= 1.3
        self.void = list(shape.void)
        self.fail = shape.void[0]
        self.ck = f"{shape.customer.one}_id"
        self.hk = f"{shape.header.one}_id"
        self.ok = f"{shape.offering.one}_id"
        self.lk = f"{shape.location.one}_id" if shape.location and p.locations else None
        self.sk = f"{shape.staff.one}_id" if shape.staff and self.lk else None
        self.fact = shape.lines.table if shape.lines else shape.header.table
        self.amounts: dict[str, str] = {}  # table -> its money column children may copy
        self.holidays = holiday_factors(p.setting.country, p.start, p.as_of, shape.holiday_factor, p.setting.language)
        dist, mean, _, _ = shape.per_customer
        # A customer buys about once (a car, a policy, a home): the first transaction is
        # what makes them a customer, so sign-ups carry the season and it follows them.
        self.one_off = dist == "poisson" and mean <= 0.7
        self.cohort = self._cohort()
        self.region_by_header = "location" if self.lk and len(p.locations) > 1 else "customer"
        self.hotspot = self._hotspot_region()
        own = [i.name for i in p.catalogue if i.own]
        names = [i.name for i in p.catalogue]
        self.anomaly = own[min(2, len(own) - 1)] if own else names[min(2, len(names) - 1)]

    def _cohort(self) -> tuple[dt.date, dt.date, str]:
        """A calendar quarter about 15 months before the run date (inside the window)."""
        first = months_before(self.p.as_of, 15)
        q = (first.month - 1) // 3
        start = dt.date(first.year, q * 3 + 1, 1)
        after = dt.date(start.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
        return start, after - dt.timedelta(days=1), f"{start.year}-Q{q + 1}"

    def _hotspot_region(self) -> str:
        if self.region_by_header == "location":
            regions = [x.region for x in self.p.locations]
            counts = {r: regions.count(r) for r in regions}
            ranked = sorted(counts, key=lambda r: (-counts[r], regions.index(r)))
        else:
            pop: dict[str, int] = {}
            for x in self.p.customer_places:
                pop[x.region] = pop.get(x.region, 0) + x.population
            ranked = sorted(pop, key=lambda r: -pop[r])
        return ranked[1] if len(ranked) > 1 else ranked[0]

    def gone_before(self) -> list[J]:
        """Customers who churned before the window: no transactions in it."""
        return [{"column": "status", "equals": "churned"},
                {"column": "churned_at", "date_to": (self.p.start - dt.timedelta(days=1)).isoformat()}]

    def exposure(self, cpp: J) -> J:
        """Transactions of a customer in proportion to the time they were a customer in the window."""
        if not self.one_off:
            cpp.update(exposure_start="signed_up_at", exposure_end="churned_at",
                       window_from=self.p.start.isoformat(), window_to=self.p.as_of.isoformat())
        return cpp
