"""The golden queries every template shares, written from the template's own names: simple
counts and totals, trends and regional splits, the four planted stories' revealing queries,
cohorts, shares, year-over-year growth and window functions (simple -> expert).

BigQuery Standard SQL with unqualified table names; constructs sqlglot mistranslates for
DuckDB are avoided (EXTRACT(DAYOFWEEK), DATE_TRUNC on DATE): months are
FORMAT_TIMESTAMP('%Y-%m', ts) or EXTRACT(MONTH ...)."""

from __future__ import annotations

import re
from typing import Any

from demoforge.synth.templates.profile import Profile


def core_queries(p: Profile, anomaly_name: str) -> list[dict[str, Any]]:
    L, l_ = p.loc
    C, c_ = p.cust
    P, p_ = p.prod
    S, s_ = p.staff
    H, h_ = p.hdr
    LN, _ = p.line
    lk, ck, pk, sk, hk = f"{l_}_id", f"{c_}_id", f"{p_}_id", f"{s_}_id", f"{h_}_id"
    ts, money, flag = p.ts, p.money, p.flag[0]
    fail, flag_noun = p.fail_word.replace("_", " "), p.flag[2]
    flag_slug = re.sub(r"\W+", "_", flag_noun)
    hs, cs, ps = H.replace("_", " "), C.replace("_", " "), P.replace("_", " ")
    join_lines = f"FROM {H} h JOIN {LN} i ON i.{hk} = h.{hk}"
    q = [
        ("simple", f"How many {cs} do we have in each segment?",
         f"SELECT segment, COUNT(*) AS {c_}_count FROM {C} GROUP BY segment ORDER BY {c_}_count DESC", None),
        ("simple", f"What was total {money} per year?",
         f"SELECT EXTRACT(YEAR FROM h.{ts}) AS year, ROUND(SUM(i.amount), 2) AS {money} {join_lines} "
         f"WHERE h.status != '{p.fail_status}' GROUP BY year ORDER BY year", None),
        ("simple", f"Which 10 {ps} bring in the most {money}?",
         f"SELECT p.{p_}_name, ROUND(SUM(i.amount), 2) AS {money} FROM {LN} i JOIN {P} p ON p.{pk} = i.{pk} "
         f"GROUP BY p.{p_}_name ORDER BY {money} DESC LIMIT 10", None),
        ("simple", f"How many {hs} came through each channel?",
         f"SELECT channel, COUNT(*) AS {h_}_count FROM {H} GROUP BY channel ORDER BY {h_}_count DESC", None),
        ("medium", f"How has monthly {money} developed over time?",
         f"SELECT FORMAT_TIMESTAMP('%Y-%m', h.{ts}) AS month, ROUND(SUM(i.amount), 2) AS {money} {join_lines} "
         f"GROUP BY month ORDER BY month", None),
        ("medium", f"Which regions bring in the most {money}?",
         f"SELECT l.region, COUNT(DISTINCT h.{hk}) AS {h_}_count, ROUND(SUM(i.amount), 2) AS {money} {join_lines} "
         f"JOIN {L} l ON l.{lk} = h.{lk} GROUP BY l.region ORDER BY {money} DESC", None),
        ("medium", f"In which month of the year are {hs} busiest?",
         f"SELECT EXTRACT(MONTH FROM {ts}) AS month_of_year, COUNT(*) AS {h_}_count FROM {H} "
         f"GROUP BY month_of_year ORDER BY {h_}_count DESC", "seasonal_peak"),
        ("medium", f"What is the average {h_} value per {c_} segment?",
         f"WITH totals AS (SELECT h.{hk}, h.{ck}, SUM(i.amount) AS total {join_lines} GROUP BY h.{hk}, h.{ck}) "
         f"SELECT c.segment, COUNT(*) AS {h_}_count, ROUND(AVG(t.total), 2) AS avg_{h_}_value "
         f"FROM totals t JOIN {C} c ON c.{ck} = t.{ck} GROUP BY c.segment ORDER BY avg_{h_}_value DESC", None),
        ("hard", f"Which region has the highest {fail} rate?",
         f"SELECT l.region, COUNT(*) AS {h_}_count, ROUND(100 * COUNTIF(h.status = '{p.fail_status}') / COUNT(*), 1) AS {p.fail_word}_rate_pct "
         f"FROM {H} h JOIN {L} l ON l.{lk} = h.{lk} GROUP BY l.region ORDER BY {p.fail_word}_rate_pct DESC", "regional_hotspot"),
        ("hard", f"Which {p_.replace('_', ' ')} has an unusually high {flag_noun} rate?",
         f"SELECT p.{p_}_name, COUNT(*) AS lines, ROUND(100 * COUNTIF(i.{flag}) / COUNT(*), 1) AS {flag_slug}_rate_pct "
         f"FROM {LN} i JOIN {P} p ON p.{pk} = i.{pk} GROUP BY p.{p_}_name HAVING COUNT(*) >= 30 "
         f"ORDER BY {flag_slug}_rate_pct DESC LIMIT 10", "product_anomaly"),
        ("hard", f"Which sign-up cohort of {cs} churned the most?",
         f"WITH cohorts AS (SELECT CONCAT(CAST(EXTRACT(YEAR FROM signed_up_at) AS STRING), '-Q', "
         f"CAST(EXTRACT(QUARTER FROM signed_up_at) AS STRING)) AS cohort, status FROM {C}) "
         f"SELECT cohort, COUNT(*) AS {c_}_count, ROUND(100 * COUNTIF(status = 'churned') / COUNT(*), 1) AS churn_rate_pct "
         f"FROM cohorts GROUP BY cohort HAVING COUNT(*) >= 30 ORDER BY churn_rate_pct DESC", "churn_cohort"),
        ("hard", f"What share of {money} comes from our top 20% of {cs}?",
         f"WITH per_{c_} AS (SELECT h.{ck}, SUM(i.amount) AS {money} {join_lines} GROUP BY h.{ck}), "
         f"ranked AS (SELECT {money}, NTILE(5) OVER (ORDER BY {money} DESC) AS quintile FROM per_{c_}) "
         f"SELECT quintile, COUNT(*) AS {c_}_count, ROUND(SUM({money}), 2) AS {money}, "
         f"ROUND(100 * SUM({money}) / (SELECT SUM({money}) FROM per_{c_}), 1) AS share_pct "
         f"FROM ranked GROUP BY quintile ORDER BY quintile", None),
        ("expert", f"How did {money} in each region change year over year?",
         f"WITH yearly AS (SELECT l.region, EXTRACT(YEAR FROM h.{ts}) AS year, SUM(i.amount) AS {money} {join_lines} "
         f"JOIN {L} l ON l.{lk} = h.{lk} GROUP BY l.region, year) "
         f"SELECT region, year, ROUND({money}, 2) AS {money}, ROUND(100 * ({money} - LAG({money}) OVER (PARTITION BY region ORDER BY year)) "
         f"/ LAG({money}) OVER (PARTITION BY region ORDER BY year), 1) AS yoy_growth_pct FROM yearly ORDER BY region, year", None),
        ("expert", f"Who is the top employee by {money} at each {l_}?",
         f"WITH by_staff AS (SELECT l.{l_}_name, s.full_name, SUM(i.amount) AS {money} {join_lines} "
         f"JOIN {S} s ON s.{sk} = h.{sk} JOIN {L} l ON l.{lk} = s.{lk} GROUP BY l.{l_}_name, s.full_name), "
         f"ranked AS (SELECT {l_}_name, full_name, {money}, RANK() OVER (PARTITION BY {l_}_name ORDER BY {money} DESC) AS rnk FROM by_staff) "
         f"SELECT {l_}_name, full_name AS top_employee, ROUND({money}, 2) AS total_{money} FROM ranked WHERE rnk = 1 ORDER BY total_{money} DESC", None),
        ("expert", f"How many days does it take a {c_} to come back for a second {h_}, by segment?",
         f"WITH seq AS (SELECT {ck}, {ts}, ROW_NUMBER() OVER (PARTITION BY {ck} ORDER BY {ts}) AS n FROM {H}), "
         f"pairs AS (SELECT a.{ck}, TIMESTAMP_DIFF(b.{ts}, a.{ts}, DAY) AS days_to_second FROM seq a "
         f"JOIN seq b ON b.{ck} = a.{ck} AND a.n = 1 AND b.n = 2) "
         f"SELECT c.segment, COUNT(*) AS repeat_{C}, ROUND(AVG(pairs.days_to_second), 1) AS avg_days_to_second "
         f"FROM pairs JOIN {C} c ON c.{ck} = pairs.{ck} GROUP BY c.segment ORDER BY avg_days_to_second", None),
    ]
    return [{"difficulty": d, "question": qq, "sql": sql, "pattern": pat} for d, qq, sql, pat in q]
