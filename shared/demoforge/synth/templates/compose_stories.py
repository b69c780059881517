"""The stories, golden queries and glossary of a composed spec: the four planted
stories with their revealing queries, questions built from the metrics
(``metric_sql``), and a glossary of every metric.
"""

from __future__ import annotations

import calendar
import datetime as dt

from demoforge.spec.semantic import metric_sql
from demoforge.synth.templates.compose_base import ComposerBase
from demoforge.synth.templates.compose_columns import _label, ranked

MONTHS = list(calendar.month_name)[1:]


class StoryParts(ComposerBase):
    """Parts that write the stories, golden queries and glossary from the metrics."""

    def _peak_month(self) -> int:
        """The month of the year with the most planned transactions (season, growth, the
        months the window covers, holidays)."""
        w = [0.0] * 12
        d, n = self.p.start, (self.p.as_of - self.p.start).days + 1
        hol = {str(h["date"]): float(str(h["factor"])) for h in self.holidays}
        for i in range(n):
            day = d + dt.timedelta(days=i)
            w[day.month - 1] += self.monthly[day.month - 1] * (1 + self.s.growth) ** (i / 365.25) * self.s.weekday[day.weekday()] * hol.get(day.isoformat(), 1.0)
        return max(range(12), key=lambda m: w[m]) + 1

    def stories_and_queries(self) -> None:
        s, H, C = self.s, self.s.header.table, self.s.customer.table
        peak = self._peak_month()
        flag_noun = s.flag[2]
        oname = f"{s.offering.one}_name"
        self.stories = [
            {"name": "regional_hotspot", "kind": "regional_hotspot",
             "description": f"{_label(H).capitalize()} in {self.hotspot} end as '{self.fail}' far more often than elsewhere.",
             "params": {"region": self.hotspot, "status": self.fail}, "expected_top": self.hotspot},
            {"name": "churn_cohort", "kind": "churn_cohort",
             "description": f"{_label(C).capitalize()} who signed up in {self.cohort[2]} churned at about 4x the usual rate.",
             "params": {"cohort": self.cohort[2]}, "expected_top": self.cohort[2]},
            {"name": "product_anomaly", "kind": "product_anomaly",
             "description": f"'{self.anomaly}' has a {flag_noun} about 8x higher than the rest of the catalogue.",
             "params": {"product": self.anomaly}, "expected_top": self.anomaly},
            {"name": "seasonal_peak", "kind": "seasonal_peak",
             "description": f"{_label(H).capitalize()} peak in {MONTHS[peak - 1]}.", "params": {"month": peak}, "expected_top": str(peak)},
        ]
        m = {x.name.removesuffix("_count") if x.name.endswith("_count") else x.name: x for x in self.metrics}
        d = {x.name: x for x in self.dims}
        rev = m["revenue"]
        q: list[tuple[str, str, str, str | None]] = []
        q.append(("simple", f"What was our {rev.label} per year?", metric_sql(rev, grain="year"), None))
        q.append(("simple", f"How many {_label(H)} did we have each month?", metric_sql(m["transactions"], grain="month"), None))
        q.append(("simple", f"How many {_label(C)} signed up per year?", metric_sql(m["customers"], grain="year"), None))
        q.append(("simple", f"How many {_label(H)} came through each channel?",
                  ranked(metric_sql(m["transactions"], by=d["channel"]), "channel", m["transactions"].name), None))
        if "category" in d:
            q.append(("simple", f"What is our {rev.label} by category?", ranked(metric_sql(rev, by=d["category"]), "category", rev.name), None))
            q.append(("medium", f"Which 10 {_label(s.offering.table)} bring in the most {rev.label}?",
                      ranked(metric_sql(rev, by=d["offering"]), "offering", rev.name) + " LIMIT 10", None))
            q.append(("medium", f"What is the {m['aov'].label} per month?", metric_sql(m["aov"], grain="month"), None))
            q.append(("medium", f"What is our {rev.label} by region?", ranked(metric_sql(rev, by=d["sales_region"]), "sales_region", rev.name), None))
        else:
            q.append(("medium", f"What is the {m['aov'].label} per month?", metric_sql(m["aov"], grain="month"), None))
            q.append(("medium", f"Which 10 {_label(s.offering.table)} bring in the most {rev.label}?",
                      f"SELECT o.{oname}, ROUND(SUM(h.amount), 2) AS revenue FROM {H} h JOIN {s.offering.table} o ON o.{self.ok} = h.{self.ok} "
                      f"WHERE h.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY o.{oname} ORDER BY revenue DESC LIMIT 10", None))
        q.append(("medium", f"How many {_label(C)} do we have per segment?",
                  ranked(metric_sql(m["customers"], by=d["segment"]), "segment", m["customers"].name), None))
        q.append(("medium", f"In which month of the year do we have the most {_label(H)}?",
                  f"SELECT EXTRACT(MONTH FROM {s.ts}) AS month_of_year, COUNT(*) AS {s.header.one}_count FROM {H} "
                  f"GROUP BY month_of_year ORDER BY {s.header.one}_count DESC", "seasonal_peak"))
        q.append(("hard", f"Which region has the highest {m['void_rate'].label}?",
                  f"SELECT region, COUNT(*) AS {s.header.one}_count, ROUND(100 * COUNTIF(status = '{self.fail}') / COUNT(*), 1) AS {self.fail}_rate_pct "
                  f"FROM {H} GROUP BY region HAVING COUNT(*) >= 30 ORDER BY {self.fail}_rate_pct DESC", "regional_hotspot"))
        flag = s.flag[0]
        q.append(("hard", f"Which {s.offering.one.replace('_', ' ')} has an unusually high {flag_noun}?",
                  f"SELECT o.{oname}, COUNT(*) AS row_count, ROUND(100 * COUNTIF(f.{flag}) / COUNT(*), 1) AS flagged_pct "
                  f"FROM {self.fact} f JOIN {s.offering.table} o ON o.{self.ok} = f.{self.ok} "
                  f"WHERE f.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY o.{oname} HAVING COUNT(*) >= 20 "
                  f"ORDER BY flagged_pct DESC LIMIT 10", "product_anomaly"))
        q.append(("hard", f"Which sign-up cohort of {_label(C)} churned the most?",
                  f"WITH cohorts AS (SELECT CONCAT(CAST(EXTRACT(YEAR FROM signed_up_at) AS STRING), '-Q', "
                  f"CAST(EXTRACT(QUARTER FROM signed_up_at) AS STRING)) AS cohort, status FROM {C}) "
                  f"SELECT cohort, COUNT(*) AS {s.customer.one}_count, ROUND(100 * COUNTIF(status = 'churned') / COUNT(*), 1) AS churn_rate_pct "
                  f"FROM cohorts GROUP BY cohort HAVING COUNT(*) >= 10 ORDER BY churn_rate_pct DESC", "churn_cohort"))
        q.append(("hard", f"What share of {rev.label} comes from our top 20% of {_label(C)}?",
                  f"WITH per_{s.customer.one} AS (SELECT h.{self.ck}, SUM(f.amount) AS revenue FROM {self.fact} f "
                  + (f"JOIN {H} h ON h.{self.hk} = f.{self.hk} " if self.fact != H else f"JOIN {H} h ON h.{self.hk} = f.{self.hk} ")
                  + f"WHERE f.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY h.{self.ck}), "
                  f"ranked AS (SELECT revenue, NTILE(5) OVER (ORDER BY revenue DESC) AS quintile FROM per_{s.customer.one}) "
                  f"SELECT quintile, COUNT(*) AS {s.customer.one}_count, ROUND(SUM(revenue), 2) AS revenue, "
                  f"ROUND(100 * SUM(revenue) / (SELECT SUM(revenue) FROM per_{s.customer.one}), 1) AS share_pct FROM ranked GROUP BY quintile ORDER BY quintile", None))
        q.append(("expert", f"How did {rev.label} in each region change year over year?",
                  f"WITH yearly AS (SELECT region, EXTRACT(YEAR FROM {s.ts}) AS year, SUM(amount) AS revenue FROM {self.fact} "
                  f"WHERE status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY region, year) "
                  f"SELECT region, year, ROUND(revenue, 2) AS revenue, ROUND(100 * (revenue - LAG(revenue) OVER (PARTITION BY region ORDER BY year)) "
                  f"/ LAG(revenue) OVER (PARTITION BY region ORDER BY year), 1) AS yoy_growth_pct FROM yearly ORDER BY region, year", None))
        q.append(("expert", f"How many days does it take a {s.customer.one.replace('_', ' ')} to come back for a second {s.header.one.replace('_', ' ')}, by segment?",
                  f"WITH seq AS (SELECT {self.ck}, {s.ts}, ROW_NUMBER() OVER (PARTITION BY {self.ck} ORDER BY {s.ts}) AS n FROM {H}), "
                  f"pairs AS (SELECT a.{self.ck}, TIMESTAMP_DIFF(b.{s.ts}, a.{s.ts}, DAY) AS days_to_second FROM seq a "
                  f"JOIN seq b ON b.{self.ck} = a.{self.ck} AND a.n = 1 AND b.n = 2) "
                  f"SELECT c.segment, COUNT(*) AS repeat_{s.customer.one}_count, ROUND(AVG(pairs.days_to_second), 1) AS avg_days_to_second "
                  f"FROM pairs JOIN {C} c ON c.{self.ck} = pairs.{self.ck} GROUP BY c.segment ORDER BY avg_days_to_second", None))
        if self.sk is not None and s.staff is not None and s.location is not None:
            ln = f"{s.location.one}_name"
            q.append(("expert", f"Who is the top employee by {rev.label} at each {s.location.one.replace('_', ' ')}?",
                      f"WITH by_staff AS (SELECT l.{ln}, e.full_name, SUM(f.amount) AS revenue FROM {self.fact} f "
                      + (f"JOIN {H} h ON h.{self.hk} = f.{self.hk} " if self.fact != H else f"JOIN {H} h ON h.{self.hk} = f.{self.hk} ")
                      + f"JOIN {s.staff.table} e ON e.{self.sk} = h.{self.sk} JOIN {s.location.table} l ON l.{self.lk} = h.{self.lk} "
                      f"WHERE f.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY l.{ln}, e.full_name), "
                      f"ranked AS (SELECT {ln}, full_name, revenue, RANK() OVER (PARTITION BY {ln} ORDER BY revenue DESC) AS rnk FROM by_staff) "
                      f"SELECT {ln}, full_name AS top_employee, ROUND(revenue, 2) AS revenue FROM ranked WHERE rnk = 1 ORDER BY revenue DESC", None))
        for name, label, num, den in s.ratios:
            a, b = m.get(num), m.get(den)
            if a is None or b is None or not a.time_column or not b.time_column:
                continue
            q.append(("expert", f"What is our {label} per year?",
                      f"WITH n AS ({metric_sql(a, grain='year')}), d AS ({metric_sql(b, grain='year')}) "
                      f"SELECT d.year_start, ROUND(n.{a.name}, 2) AS {a.name}, ROUND(d.{b.name}, 2) AS {b.name}, "
                      f"ROUND(100 * n.{a.name} / d.{b.name}, 1) AS {name}_pct FROM d LEFT JOIN n ON n.year_start = d.year_start "
                      f"ORDER BY d.year_start", None))
            self.glossary_extra.append({"term": label, "definition": f"{a.label.capitalize()} divided by {b.label} ({a.expression} over "
                                        f"{a.table} / {b.expression} over {b.table}).", "synonyms": []})
        for x in self.metrics:  # the children's own measures, per month
            if x.table not in (H, C, self.fact) and x.time_column:
                q.append(("medium", f"How did {x.label} develop per month?", metric_sql(x, grain="month"), None))
        self.queries = [{"difficulty": dd, "question": qq, "sql": sql, "pattern": pat} for dd, qq, sql, pat in q]

    def glossary_terms(self) -> None:
        self.glossary = [{"term": x.label, "definition": f"{x.description} Defined as {x.expression} over {x.table}"
                          + (f" where {' AND '.join(x.filters)}" if x.filters else "") + (f" ({x.currency})" if x.currency else "") + ".",
                          "synonyms": list(x.synonyms)} for x in self.metrics]
        self.glossary.append({"term": self.p.company, "definition": f"The business this dataset describes ({self.p.sub_industry or self.s.label}).",
                              "synonyms": ["we", "us", "our company"]})
        self.glossary += self.glossary_extra
        self.glossary.append({"term": "Currency", "definition": f"Every money column is in {self.cur} (ISO 4217).", "synonyms": [self.cur]})
