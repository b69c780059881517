"""Times that lag after a reference and would pass the run date (a payment after its
invoice, a refund after its payment, a delivery after its pick-up): no pile-up on the last
day and no swollen last month (children still to come are not in the data, the rest draw
their lag from the truncated exponential), a completion time not yet due is NULL, every
value stays between its reference and the end (or the parent's churn date), the same seed
gives the same rows, and no timestamp column of a few real shapes spikes on its last day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow.parquet as pq
import pytest

from demoforge.spec.model import DatasetSpec, TimestampGen
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check
from demoforge.synth.templates import build_for_profile
from demoforge.synth.timestamps import US_PER_DAY, US_PER_HOUR, TimeProfile, lagged

START, END = "2024-01-01", "2025-12-31"
END_DAY = (dt.date(2025, 12, 31) - dt.date(1970, 1, 1)).days
END_US = (END_DAY + 1) * US_PER_DAY - 1


def _c(name: str, type_: str, gen: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    col: dict[str, Any] = {"name": name, "type": type_, "description": f"the {name}"}
    if gen is not None:
        col["generator"] = gen
    return col | kw


def _ts(**kw: Any) -> dict[str, Any]:
    return {"kind": "timestamp", "start": START, "end": END, **kw}


def billing_spec(lag_hours: float, seed: int = 5, invoices: int = 20_000) -> DatasetSpec:
    """Customers (some churned) -> invoices (after the sign-up, until the churn) -> payments
    ``lag_hours`` after their invoice on average, with a refund time (only for refunds), a
    settlement time (NULL while pending) and a receipt time (never NULL). Flat calendars, so
    every day of the window expects the same number of rows once the lags have filled in."""
    return DatasetSpec.model_validate({
        "name": "billing", "industry": "other", "description": "late children", "seed": seed, "as_of": END,
        "tables": [
            {"name": "customers", "description": "customers", "grain": "customer", "row_count": 4_000,
             "primary_key": "customer_id", "time_column": "signed_up_at", "columns": [
                 _c("customer_id", "INT64", {"kind": "sequence"}),
                 _c("signed_up_at", "TIMESTAMP", {"kind": "timestamp", "start": "2022-01-01", "end": END}),
                 _c("status", "STRING", {"kind": "categorical", "values": ["active", "churned"], "weights": [85, 15]}),
                 _c("churned_at", "TIMESTAMP", {"kind": "timestamp", "start": "2022-01-01", "end": END,
                                                "after": {"column": "signed_up_at", "mean_hours": 3000, "min_hours": 240}},
                    only_when=[{"column": "status", "equals": "churned"}]),
             ]},
            {"name": "invoices", "description": "invoices", "grain": "invoice", "row_count": invoices,
             "primary_key": "invoice_id", "time_column": "issued_at",
             "foreign_keys": [{"column": "customer_id", "references_table": "customers", "references_column": "customer_id"}],
             "columns": [
                 _c("invoice_id", "INT64", {"kind": "sequence"}),
                 _c("customer_id", "INT64", {"kind": "foreign_key"}),
                 _c("issued_at", "TIMESTAMP", _ts(after={"column": "customer_id", "parent_column": "signed_up_at",
                                                         "until": "churned_at"})),
             ]},
            {"name": "payments", "description": "payments", "grain": "payment", "primary_key": "payment_id",
             "time_column": "paid_at",
             "children_per_parent": {"foreign_key": "invoice_id", "distribution": "poisson", "mean": 2.0},
             "foreign_keys": [{"column": "invoice_id", "references_table": "invoices", "references_column": "invoice_id"}],
             "columns": [
                 _c("payment_id", "INT64", {"kind": "sequence"}),
                 _c("invoice_id", "INT64", {"kind": "foreign_key"}),
                 _c("paid_at", "TIMESTAMP", _ts(after={"column": "invoice_id", "parent_column": "issued_at",
                                                       "mean_hours": lag_hours, "min_hours": 1})),
                 _c("status", "STRING", {"kind": "categorical", "values": ["paid", "refunded"], "weights": [90, 10]}),
                 _c("refunded_at", "TIMESTAMP", _ts(after={"column": "paid_at", "mean_hours": 240, "min_hours": 2}),
                    only_when=[{"column": "status", "equals": "refunded"}]),
                 _c("settled_at", "TIMESTAMP", _ts(after={"column": "paid_at", "mean_hours": 72}), nullable=0.01),
                 _c("receipt_at", "TIMESTAMP", _ts(after={"column": "paid_at", "mean_hours": 1})),
             ]},
        ],
    })


def _days(path: Path, column: str) -> np.ndarray:
    arr = pq.read_table(path, columns=[column])[column].drop_null()
    return arr.cast("int64").to_numpy() // US_PER_DAY


def _row(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row


def _con(spec: DatasetSpec, out: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for t in spec.tables:
        con.execute(f"CREATE VIEW {t.name} AS SELECT * FROM '{out}/{t.name}.parquet'")
    return con


@pytest.fixture(scope="module", params=[24.0, 720.0, 3000.0], ids=["day", "month", "quarter"])
def billing(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[DatasetSpec, Path]:
    spec = billing_spec(request.param)
    out = tmp_path_factory.mktemp("billing")
    generate_dataset(spec, out, chunk_rows=16_384)  # several chunks
    return spec, out


def test_the_last_day_holds_what_the_daily_rate_predicts(billing: tuple[DatasetSpec, Path]) -> None:
    _, out = billing
    days = _days(out / "payments.parquet", "paid_at")
    counts = np.bincount(END_DAY - days, minlength=400)  # counts[0] is the last day
    rate = counts[1:61].mean()  # the 60 days before: the daily rate the lags settle at
    assert rate > 30
    # Clamping put every payment still to come on the last day: a lag of a day doubled it,
    # a month 30x, a quarter 125x.
    assert abs(counts[0] - rate) <= 4 * np.sqrt(rate) + 3, (counts[0], rate)
    # No swollen last month either (a redraw inside the window alone would pile the
    # payments of recent invoices into the last weeks).
    assert abs(counts[:30].sum() / (counts[30:90].sum() / 2) - 1) < 0.08, (counts[:30].sum(), counts[30:90].sum() / 2)


def test_children_per_parent_stay_as_planned(billing: tuple[DatasetSpec, Path]) -> None:
    spec, out = billing
    payments = pq.read_metadata(out / "payments.parquet").num_rows
    assert abs(payments / 20_000 - 2.0) < 0.06  # the payments still to come are made up by the others
    failed = [r for r in check(spec, out) if not r.passed]
    assert not failed, failed  # realism and consistency checks: repeat, run_date, time_order, only_when ...


def test_every_time_lies_between_its_reference_and_the_end(billing: tuple[DatasetSpec, Path]) -> None:
    spec, out = billing
    con = _con(spec, out)
    end = "TIMESTAMP '2025-12-31 23:59:59.999999'"
    one = lambda sql: _row(con, sql)[0]  # noqa: E731
    assert one(f"SELECT COUNT(*) FROM invoices i JOIN customers c USING (customer_id) "
               f"WHERE i.issued_at < c.signed_up_at OR i.issued_at > LEAST(COALESCE(c.churned_at, {end}), {end})") == 0
    assert one(f"SELECT COUNT(*) FROM payments p JOIN invoices i USING (invoice_id) "
               f"WHERE p.paid_at < i.issued_at OR p.paid_at > {end}") == 0
    for col in ("refunded_at", "settled_at", "receipt_at"):
        assert one(f"SELECT COUNT(*) FROM payments WHERE {col} < paid_at OR {col} > {end}") == 0
    assert one(f"SELECT COUNT(*) FROM customers WHERE churned_at < signed_up_at OR churned_at > {end}") == 0


def test_a_time_not_due_by_the_run_date_is_null_only_where_it_may_be(billing: tuple[DatasetSpec, Path]) -> None:
    spec, out = billing
    con = _con(spec, out)
    one = lambda sql: _row(con, sql)[0]  # noqa: E731
    # A receipt is never NULL: one due later is redrawn inside the room left.
    assert one("SELECT COUNT(*) FROM payments WHERE receipt_at IS NULL") == 0
    # A settlement (NULL while pending) of a payment on the last day is mostly still
    # pending (mean 72 h); one from months ago only at the planned 1 %.
    recent, old = _row(
        con, "SELECT AVG(CASE WHEN settled_at IS NULL THEN 1 ELSE 0 END) FILTER (WHERE paid_at >= TIMESTAMP '2025-12-31'), "
        "AVG(CASE WHEN settled_at IS NULL THEN 1 ELSE 0 END) FILTER (WHERE paid_at < TIMESTAMP '2025-10-01') FROM payments"
    )
    assert recent > 0.6 and old < 0.02
    # A refund time only for refunds; a refund whose time is not due yet has none.
    assert one("SELECT COUNT(*) FROM payments WHERE refunded_at IS NOT NULL AND status <> 'refunded'") == 0
    pending = one("SELECT AVG(CASE WHEN refunded_at IS NULL THEN 1 ELSE 0 END) FROM payments "
                  "WHERE status = 'refunded' AND paid_at >= TIMESTAMP '2025-12-25'")
    assert pending > 0.3
    # And the times that are there do not pile up on the last day.
    for table, col in (("payments", "settled_at"), ("payments", "refunded_at"), ("customers", "churned_at")):
        days = _days(out / f"{table}.parquet", col)
        counts = np.bincount(END_DAY - days[days <= END_DAY], minlength=100)
        rate = counts[1:61].mean()
        assert counts[0] <= 1.5 * rate + 4 * np.sqrt(rate) + 3, (table, col, counts[0], rate)


def test_the_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for out, seed in ((a, 5), (b, 5), (c, 6)):
        generate_dataset(billing_spec(720.0, seed=seed, invoices=3_000), out, chunk_rows=1_000)  # chunk edges
    for name in ("customers", "invoices", "payments"):
        assert pq.read_table(a / f"{name}.parquet").equals(pq.read_table(b / f"{name}.parquet")), name
    assert not pq.read_table(a / "payments.parquet").equals(pq.read_table(c / "payments.parquet"))


def _truncated_cdf(x: np.ndarray, mean: float, room: float) -> np.ndarray:
    return -np.expm1(-x / mean) / -np.expm1(-room / mean)


def test_a_late_lag_is_redrawn_from_the_truncated_exponential() -> None:
    n, mean, room = 200_000, 100.0 * US_PER_HOUR, 50.0 * US_PER_HOUR
    ref = np.full(n, END_US - int(room), dtype=np.int64)
    us, late = lagged(np.random.default_rng(1), ref, ref, np.full(n, mean), 0, END_US)
    assert (us >= ref).all() and (us <= END_US).all()
    assert abs(late.mean() - np.exp(-room / mean)) < 0.005  # which first draws passed the end
    lag = (us - ref).astype(np.float64)
    for q in (0.1, 0.25, 0.5, 0.75, 0.9, 0.99):
        x = np.quantile(lag, q)
        assert abs(_truncated_cdf(np.asarray(x), mean, room) - q) < 0.005, q
    # Not one value on the window's last instant (clamping put 61 % there).
    assert (us == END_US).mean() < 0.001


def test_a_lag_before_the_window_start_is_redrawn_from_the_start() -> None:
    n, mean = 100_000, 48.0 * US_PER_HOUR
    start = (END_DAY - 100) * US_PER_DAY
    ref = np.full(n, start - 24 * US_PER_HOUR, dtype=np.int64)  # a day before the window
    us, late = lagged(np.random.default_rng(2), ref, ref, np.full(n, mean), start, END_US)
    assert not late.any() and (us >= start).all() and (us <= END_US).all()
    assert (us == start).mean() < 0.001  # not clamped onto the first instant
    # Memoryless: after the start the lag is an exponential again (mean 48 h).
    assert abs((us - start).mean() / mean - 1) < 0.02


def test_a_reference_with_no_room_left() -> None:
    rng = np.random.default_rng(3)
    raw = np.array([END_US - 2 * US_PER_HOUR, END_US + US_PER_DAY, END_US - 10 * US_PER_DAY], dtype=np.int64)
    ref = raw + 5 * US_PER_HOUR  # a minimum lag of 5 h: the first one does not fit
    limit = np.array([END_US, END_US, END_US - 20 * US_PER_DAY], dtype=np.int64)  # the last ended before it began
    us, late = lagged(rng, raw, ref, np.full(3, 10.0 * US_PER_HOUR), 0, limit)
    assert raw[0] <= us[0] <= END_US  # squeezed into what is left, never past the end
    assert us[1] == raw[1] and us[2] == raw[2]  # never before the reference, which is later than the limit
    assert late.tolist() == [True, True, True]


def test_a_profile_draw_after_a_late_reference_spreads_over_the_room() -> None:
    g = TimestampGen.model_validate({"kind": "timestamp", "start": START, "end": END})
    prof = TimeProfile(g)
    n = 50_000
    after = np.full(n, END_US - 30 * 60_000_000, dtype=np.int64)  # half an hour before the end
    us = prof.sample(np.random.default_rng(4), n, after)
    assert (us >= after).all() and (us <= END_US).all()
    assert (us == END_US).mean() < 0.001  # not all on the last instant
    until = np.full(n, END_US - 10 * US_PER_HOUR, dtype=np.int64)  # a churn at 14:00 on the last day
    after = np.full(n, END_US - 20 * US_PER_HOUR, dtype=np.int64)
    us = prof.sample(np.random.default_rng(5), n, after, until)
    assert (us >= after).all() and (us <= until).all() and (us == until).mean() < 0.001


SHAPES = ["retail.online_shop", "insurance.motor", "saas.subscriptions", "travel.hotel", "logistics.carrier"]
AS_OF = dt.date(2026, 11, 25)  # a Wednesday, so the three Wednesdays before are in the same month


@pytest.mark.parametrize("shape", SHAPES)
def test_no_timestamp_column_of_a_shape_spikes_on_its_last_day(shape: str, tmp_path: Path) -> None:
    profile = {"company_name": "Late Rows Ltd", "industry": "other", "confidence": 1.0, "country": "GB", "language": "en"}
    spec = build_for_profile(profile, as_of=AS_OF, shape=shape, scale="small")
    generate_dataset(spec, tmp_path)
    last = (AS_OF - dt.date(1970, 1, 1)).days
    seen = 0
    for t in spec.tables:
        for c in t.columns:
            g = c.generator
            if not isinstance(g, TimestampGen) or g.end != AS_OF:
                continue
            arr = pq.read_table(tmp_path / f"{t.name}.parquet", columns=[c.name])[c.name].drop_null()
            v = arr.cast("int32" if c.type == "DATE" else "int64").to_numpy().astype(np.int64)
            days = v if c.type == "DATE" else v // US_PER_DAY
            assert days.max(initial=0) <= last, (t.name, c.name)
            # The same weekday of the three weeks before: weekday profiles cancel, and in
            # the same month so do monthly ones.
            rate = np.mean([(days == last - 7 * k).sum() for k in (1, 2, 3)])
            on_last = int((days == last).sum())
            assert on_last <= 1.5 * rate + 4 * np.sqrt(rate) + 3, (t.name, c.name, on_last, rate)
            seen += g.after is not None and g.after.mean_hours is not None
    assert seen >= 3  # lagged children, refunds, churn dates, completion times were judged
