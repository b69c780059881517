"""The English one-sentence answers of LLM-written queries name a code by its label
("mobile_app" -> "Mobile app") and leave names and dates as they are."""

from __future__ import annotations

from demoforge.content.answers import answer_sentence


def test_a_ranking_by_channel_names_the_channels_by_their_label() -> None:
    rows = [{"channel": "mobile_app", "orders": 300}, {"channel": "web", "orders": 100}]
    text = answer_sentence(rows, "orders", "Which channel has the most orders?")
    assert text.startswith("Mobile app comes first") and "(Web, " in text
    assert "mobile_app" not in text


def test_an_unknown_code_is_humanised_and_names_stay_as_stored() -> None:
    rows = [{"acquisition_channel": "organic_search", "customers": 90},
            {"acquisition_channel": "Northwind Partners", "customers": 40}]
    text = answer_sentence(rows, "customers", "Where do customers come from?")
    assert text.startswith("Organic search comes first") and "Northwind Partners" in text


def test_a_series_keyed_by_iso_timestamps_still_reads_as_dates() -> None:
    rows = [{"month": "2024-01-01T00:00:00", "orders": 10}, {"month": "2024-02-01T00:00:00", "orders": 12}]
    text = answer_sentence(rows, "month", "How did orders develop?")
    assert "(2024-01-01)" in text and "(2024-02-01)" in text
