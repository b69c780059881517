"""The chart, the answer sentence and the demo script describe a result by the measure its question asks about."""

from __future__ import annotations

import decimal
import re
import xml.etree.ElementTree as ET

from demoforge.content.answers import answer_sentence
from demoforge.content.industry import INDUSTRY_LABELS, industry_label, opening_sentence
from demoforge.content.report import choose_charts, render_report
from demoforge.content.script import build_script
from demoforge.content.shape import measure_label, result_shape
from demoforge.content.svg import chart_data
from demoforge.content.values import fmt
from demoforge.domain.job import INDUSTRIES
from demoforge.domain.results import GoldenQuery
from tests.support.demo_dataset import make_spec

NS = "{http://www.w3.org/2000/svg}"

MONTHS_Q = "In which month of the year are orders busiest?"
MONTHS = [{"month_of_year": m, "order_count": n} for m, n in ((12, 1766), (11, 1371), (1, 980), (7, 612))]
RATING_Q = "Which products have the lowest average review rating?"
RATING = [{"product_name": "Backpacks", "review_count": 44, "avg_rating": 2.36},
          {"product_name": "Shell Jacket", "review_count": 56, "avg_rating": 3.95},
          {"product_name": "Wool Beanie", "review_count": 61, "avg_rating": 4.1}]
CANCEL_Q = "Which region has the highest cancellation rate?"
CANCEL = [{"region": "Northeast", "order_count": 1461, "cancellation_rate": 0.255},
          {"region": "Southeast", "order_count": 2425, "cancellation_rate": 0.052},
          {"region": "West", "order_count": 1800, "cancellation_rate": 0.043}]


def test_all_numeric_month_result_is_labelled_by_month_and_measures_orders() -> None:
    shape = result_shape(MONTHS, MONTHS_Q)
    assert (shape.label, shape.metric) == ("month_of_year", "order_count")
    data = chart_data(MONTHS, MONTHS_Q)
    assert data is not None
    assert data.points[:2] == [("December", 1766.0), ("November", 1371.0)]
    assert data.title == "order count by month of year"
    assert answer_sentence(MONTHS, "order_count", MONTHS_Q).startswith(
        "December comes first with order count of 1,766, 1.3x the next (November, 1,371)")


def test_measure_is_the_column_the_question_names_not_the_first_number() -> None:
    shape = result_shape(RATING, RATING_Q)
    assert (shape.label, shape.metric) == ("product_name", "avg_rating")
    # Without the question the sort column decides; without either, the last numeric column.
    assert result_shape(RATING, None, "review_count").metric == "review_count"
    assert result_shape(RATING).metric == "avg_rating"
    data = chart_data(RATING, RATING_Q, "avg_rating")
    assert data is not None and data.metric == "avg_rating" and data.title == "average rating by product name"
    assert answer_sentence(RATING, "avg_rating", RATING_Q) == (
        "Backpacks has the lowest average rating, 2.36, then Shell Jacket (3.95); 3 rows in total.")


def test_rate_question_charts_the_rate_as_a_percentage() -> None:
    # The query lists the count first; the question still asks for the rate.
    rows = [{"region": r["region"], "cancellation_rate": r["cancellation_rate"], "order_count": r["order_count"]}
            for r in CANCEL]
    for result in (CANCEL, rows):
        data = chart_data(result, CANCEL_Q, "order_count")
        assert data is not None and data.metric == "cancellation_rate"
        assert [data.value(v) for _, v in data.points] == ["25.5%", "5.2%", "4.3%"]
    text = answer_sentence(CANCEL, "cancellation_rate", CANCEL_Q)
    assert text == "Northeast comes first with cancellation rate of 25.5%, 4.9x the next (Southeast, 5.2%); 3 rows in total."
    pct = [{"region": "A", "orders": 10, "cancellation_rate_pct": 25.5}, {"region": "B", "orders": 20, "cancellation_rate_pct": 5.0}]
    shape = result_shape(pct, CANCEL_Q)
    assert (shape.metric, shape.value(25.5), shape.value(5.0)) == ("cancellation_rate_pct", "25.5%", "5.0%")
    assert shape.metric_label == "cancellation rate"


def test_question_words_pick_between_several_measures() -> None:
    rows = [{"segment": "a", "order_count": 10, "avg_order_value": 20.5},
            {"segment": "b", "order_count": 30, "avg_order_value": 10.25}]
    assert result_shape(rows, "How many orders did each segment place?").metric == "order_count"
    assert result_shape(rows, "What is the average order value per segment?").metric == "avg_order_value"
    stock = [{"product": "x", "region": "n", "stock_counts": 28, "stockout_rate_pct": 35.7},
             {"product": "y", "region": "s", "stock_counts": 40, "stockout_rate_pct": 30.0}]
    assert result_shape(stock, "Which products are out of stock most often?").metric == "stockout_rate_pct"
    # "How many hours" asks for hours, not a count.
    pay = [{"channel": "web", "payment_count": 4520, "avg_hours_to_pay": 19.8},
           {"channel": "sales", "payment_count": 4035, "avg_hours_to_pay": 19.3}]
    assert result_shape(pay, "How many hours after the invoice is payment taken?").metric == "avg_hours_to_pay"
    # Word forms differ ("resolve" / "resolution"); a tie goes to the sort column.
    tickets = [{"category": "Outage", "tickets": 278, "avg_resolution_hours": 52.0, "avg_satisfaction": 3.89},
               {"category": "Billing", "tickets": 304, "avg_resolution_hours": 21.5, "avg_satisfaction": 3.98}]
    question = "Which ticket categories take the longest to resolve, and how satisfied are customers?"
    assert result_shape(tickets, question, "avg_resolution_hours").metric == "avg_resolution_hours"
    assert result_shape(tickets, "Which ticket categories leave customers least satisfied?").metric == "avg_satisfaction"


def test_dimension_named_numbers_label_and_aggregates_measure() -> None:
    assert result_shape([{"customer_id": 7, "revenue": 1.5}, {"customer_id": 9, "revenue": 2.5}]).label == "customer_id"
    shape = result_shape([{"region": "a", "avg_age": 31.5}, {"region": "b", "avg_age": 40.0}])
    assert (shape.label, shape.metric) == ("region", "avg_age")
    # (year, region, revenue): the text column names a row better than the year.
    assert result_shape([{"year": 2024, "region": "a", "revenue": 1}, {"year": 2024, "region": "b", "revenue": 2}]).dims == ["region", "year"]


def test_numbers_are_formatted_by_their_column() -> None:
    assert fmt(12.0) == "12" and fmt(decimal.Decimal("12.00")) == "12" and fmt(1766.0) == "1,766"
    assert fmt(2.5) == "2.50" and fmt(0.1234) == "0.123"
    whole = result_shape([{"k": "a", "n": 3.0}, {"k": "b", "n": 12.0}])
    assert (whole.value(12.0), whole.value(3.0)) == ("12", "3")
    hours = result_shape([{"k": "a", "h": 57.2}, {"k": "b", "h": 57.25}])
    assert hours.value(57.2) == "57.20"
    tenths = result_shape([{"k": "a", "h": 57.2}, {"k": "b", "h": 60.1}])
    assert tenths.value(57.2) == "57.2"
    share = result_shape([{"k": "a", "share": 0.123}, {"k": "b", "share": 0.877}])
    assert share.value(0.123) == "12.3%"
    ratio = result_shape([{"k": "a", "ltv_cac_ratio": 3.21}, {"k": "b", "ltv_cac_ratio": 1.5}])
    assert ratio.value(3.21) == "3.21"  # above 1: not a fraction
    assert measure_label("avg_delivery_hours") == "average delivery hours"


def test_report_chart_plots_the_asked_measure_with_readable_labels() -> None:
    queries = [GoldenQuery(question=q, sql=sql, difficulty="medium", status="passed", row_count=len(rows),
                           preview=rows, answer="-", pattern=None)
               for q, sql, rows in ((MONTHS_Q, "SELECT 1 ORDER BY order_count DESC", MONTHS),
                                    (RATING_Q, "SELECT 1 ORDER BY avg_rating", RATING),
                                    (CANCEL_Q, "SELECT 1 ORDER BY 3 DESC", CANCEL))]
    charts = choose_charts(make_spec(), queries, {})
    texts = []
    for chart in charts:
        root = ET.fromstring(chart.svg)
        texts.append([t.text for t in root.iter(f"{NS}text")])
    months, rating, cancel = texts
    assert months[0] == "order count by month of year" and "December" in months and "1,766" in months
    assert not [t for t in months if t and t.endswith(".00")]
    assert rating[0] == "average rating by product name" and "2.36" in rating and "44" not in rating
    assert cancel[0] == "cancellation rate by region" and "25.5%" in cancel and "1,461" not in cancel


def test_industry_labels_cover_every_code_and_read_naturally() -> None:
    assert set(INDUSTRY_LABELS) == set(INDUSTRIES)
    research = {"industry": "retail_ecommerce", "sub_industry": "OnlineStore", "business_model": "B2C",
                "products_services": ["Hiking boots", "Jackets", "Backpacks", "Tents", "Stoves", "Maps", "Socks"]}
    assert industry_label(research) == "Retail & e-commerce (online store)"
    assert industry_label({**research, "sub_industry": "Retail"}) == "Retail & e-commerce"  # adds nothing
    assert industry_label({"industry": "other", "sub_industry": "DogGrooming"}) == "Dog grooming"
    assert opening_sentence("Alpine Outfitters", research) == (
        "Alpine Outfitters is a B2C retail & e-commerce business (online store) selling hiking boots, "
        "jackets, backpacks, tents and stoves.")
    saas = {"industry": "saas_software", "business_model": "B2B", "products_services": ["Ledger API"]}
    assert opening_sentence("Ledgerly", saas) == "Ledgerly is a B2B SaaS & software business offering Ledger API."


def test_script_insight_follows_the_measure_of_the_question() -> None:
    spec = make_spec()  # story headlamp_returns: "Headlamps come back four times as often."
    rating = GoldenQuery(question=RATING_Q, sql="SELECT 1 ORDER BY avg_rating", difficulty="medium",
                         status="passed", row_count=3, preview=RATING, answer="-", pattern="headlamp_returns")
    returns = GoldenQuery(question="Which product has the highest return rate?", sql="SELECT 1 ORDER BY 2 DESC",
                          difficulty="hard", status="passed", row_count=2, pattern="headlamp_returns", answer="-",
                          preview=[{"product_name": "Headlamp", "return_rate": 0.32},
                                   {"product_name": "Tent", "return_rate": 0.04}])
    script = build_script(company="Shop", research={}, spec=spec, passed=[rating, returns],
                          row_counts={}, dataset="p.d", max_bytes_billed=1)
    insights = {s.question: s.insight for s in script.steps}
    # The story speaks of returns: under a rating question it is led by what the rating shows.
    assert insights[RATING_Q] == ("Why it matters: Backpacks stands out on average rating (2.36), part of a wider "
                                  "story: Headlamps come back four times as often.")
    assert insights[returns.question] == "Why it matters: Headlamps come back four times as often."
    # The report's chart caption makes the same call.
    charts = choose_charts(spec, [rating, returns], {}, count=2)
    assert len(charts) == 1  # one chart per story
    assert charts[0].caption == "- The wider story, headlamp returns: Headlamps come back four times as often."


def test_result_tables_write_numbers_like_the_charts() -> None:
    spec = make_spec()
    rows = [{"region": "Northeast", "year": 2024, "orders": 1461.0, "cancellation_rate_pct": 25.5},
            {"region": "West", "year": 2024, "orders": 1800.0, "cancellation_rate_pct": 4.3}]
    q = GoldenQuery(question=CANCEL_Q, sql="SELECT 1", difficulty="simple", status="passed", row_count=2,
                    preview=rows, answer="-")
    script = build_script(company="Shop", research={}, spec=spec, passed=[q], row_counts={}, dataset="p.d",
                          max_bytes_billed=1)
    page = render_report(company="Shop", research={"industry": "retail_ecommerce"}, spec=spec, dataset="p.d",
                         row_counts={}, golden=[q], dropped=0, charts=[], script=script)
    table = page[page.index('<section id="golden">'):]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table)
    assert cells[:4] == ["Northeast", "2024", "1,461", "25.5%"]  # not "2,024", "1,461.00", "25.50"
    assert cells[7] == "4.3%"
    assert "<th>Industry</th><td>Retail &amp; e-commerce</td>" in page
