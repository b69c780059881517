"""Property tests (hypothesis) over random valid specs: keys always consistent, output
deterministic by seed, every declared consistency rule (conditioned values and texts,
columns only on some rows, excluded parents, weighted and cycled references) holds on the
generated data; random invalid specs always rejected naming table and column."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def value_column(draw: st.DrawFn, name: str, numeric_names: list[str], year: int = 2023) -> dict[str, Any]:
    kind = draw(st.sampled_from(["categorical", "numeric", "boolean", "timestamp", "fake", "text", "derived"]))
    if kind == "derived" and not numeric_names:
        kind = "numeric"
    nullable = draw(st.sampled_from([0.0, 0.0, 0.1, 0.5]))
    col: dict[str, Any] = {"name": name, "description": f"column {name}", "nullable": nullable}
    if kind == "categorical":
        bq = draw(st.sampled_from(["STRING", "INT64", "FLOAT64"]))
        vals: list[Any] = draw(st.lists(
            st.text("abcxyz", min_size=1, max_size=5) if bq == "STRING" else st.integers(-50, 50),
            min_size=1, max_size=6))
        gen: dict[str, Any] = {"kind": "categorical", "values": vals, "cycle": draw(st.booleans())}
        if draw(st.booleans()):
            gen["weights"] = draw(st.lists(st.floats(0.1, 5), min_size=len(vals), max_size=len(vals)))
    elif kind == "numeric":
        bq = draw(st.sampled_from(["INT64", "FLOAT64", "NUMERIC"]))
        dist = draw(st.sampled_from(["normal", "lognormal", "uniform", "poisson", "zipf", "exponential"]))
        gen = {"kind": "numeric", "distribution": dist, "mean": draw(st.floats(0, 100)), "low": 0, "high": draw(st.floats(1, 1e6)),
               "round": draw(st.sampled_from([None, 0, 2]))}
        numeric_names.append(name)
    elif kind == "boolean":
        bq, gen = "BOOL", {"kind": "boolean", "probability": draw(st.floats(0, 1))}
    elif kind == "timestamp":
        bq = draw(st.sampled_from(["DATE", "TIMESTAMP"]))
        # Each table's times lie in its own year, after its parents' (time order holds).
        gen = {"kind": "timestamp", "start": f"{year}-01-01", "end": draw(st.sampled_from([f"{year}-01-01", f"{year}-06-30", f"{year}-12-31"])),
               "growth": draw(st.sampled_from([0.0, 0.5])),
               "monthly": draw(st.one_of(st.none(), st.lists(st.floats(0.1, 3), min_size=12, max_size=12)))}
    elif kind == "fake":
        bq, gen = "STRING", {"kind": "fake", "field": draw(st.sampled_from(["first_name", "city", "company", "email"])), "pool_size": 50}
    elif kind == "text":
        bq, gen = "STRING", {"kind": "text", "templates": ["{a}-{b}", "fixed"], "slots": {"a": ["p", "q"], "b": ["r"]}}
    else:
        bq = draw(st.sampled_from(["FLOAT64", "INT64"]))
        a, b = draw(st.sampled_from(numeric_names)), draw(st.sampled_from(numeric_names))
        gen = {"kind": "derived", "expression": f"{a} * 2 + {b}"}
        numeric_names.append(name)
    col.update(type=bq, generator=gen)
    return col


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    n_tables = draw(st.integers(1, 4))
    tables: list[dict[str, Any]] = []
    for i in range(n_tables):
        name = f"t{i}"
        pk_kind = draw(st.sampled_from(["int", "str", "uuid"]))
        pk_type = "INT64" if pk_kind == "int" else "STRING"
        pk_gen = {"int": {"kind": "sequence", "start": draw(st.integers(-5, 5)), "step": draw(st.integers(1, 3))},
                  "str": {"kind": "sequence", "prefix": "K", "width": 4}, "uuid": {"kind": "uuid"}}[pk_kind]
        cols: list[dict[str, Any]] = [{"name": "id", "type": pk_type, "description": "key", "generator": pk_gen},
                {"name": "state", "type": "STRING", "description": "a state", "generator": {"kind": "categorical", "values": ["a", "b", "c"]}},
                {"name": "weight", "type": "INT64", "description": "a weight",
                 "generator": {"kind": "numeric", "distribution": "uniform", "low": 0, "high": 9}}]
        fks: list[dict[str, str]] = []
        table: dict[str, Any] = {"name": name, "description": f"table {name}", "grain": "row", "primary_key": "id",
                                 "row_count": draw(st.integers(1, 300))}
        parents = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        for p in parents:
            ptype = next(c["type"] for c in tables[p]["columns"] if c["name"] == "id")
            col = f"t{p}_id"
            fkg: dict[str, Any] = {"kind": "foreign_key", "distribution": draw(st.sampled_from(["uniform", "zipf", "cycle"]))}
            rule = draw(st.sampled_from(["none", "exclude", "weights"]))
            if rule == "exclude":
                fkg["exclude_parents"] = [{"column": "state", "in_values": [draw(st.sampled_from(["a", "b", "c"]))]}]
            elif rule == "weights":
                fkg.update(distribution="uniform", weights_column="weight")
            cols.append({"name": col, "type": ptype, "description": "ref", "generator": fkg})
            fks.append({"column": col, "references_table": f"t{p}", "references_column": "id"})
        if pk_kind == "int" and draw(st.booleans()):
            cols.append({"name": "parent_id", "type": "INT64", "description": "self", "generator": {"kind": "foreign_key"}})
            fks.append({"column": "parent_id", "references_table": name, "references_column": "id"})
        # A row naming a parent and that parent's own parent names the matching one (the
        # order's employee works at the order's store): the staff-location rule. Every
        # grandparent needs a candidate, so the middle table is cycled over it and larger.
        diamond = False
        for q in parents:
            for p in parents:
                if p != q and any(f["references_table"] == f"t{p}" for f in tables[q]["foreign_keys"]):
                    mid: dict[str, Any] = next(c for c in tables[q]["columns"] if c["name"] == f"t{p}_id")
                    mid["generator"] = {"kind": "foreign_key", "distribution": "cycle"}
                    tables[q].pop("children_per_parent", None)
                    tables[q]["row_count"] = max(tables[q].get("row_count") or 1, tables[p].get("row_count") or 1)
                    fkcol: dict[str, Any] = next(c for c in cols if c["name"] == f"t{q}_id")
                    fkcol["generator"] = {"kind": "foreign_key", "match": {"column": f"t{p}_id", "parent_column": f"t{p}_id"}}
                    diamond = True
        if parents and not diamond and draw(st.booleans()):
            table["children_per_parent"] = {"foreign_key": f"t{parents[0]}_id",
                                            "distribution": draw(st.sampled_from(["poisson", "fixed", "uniform", "zipf"])),
                                            "mean": draw(st.floats(0, 4)), "min": 0, "max": 6}
        numeric: list[str] = []
        for j in range(draw(st.integers(0, 5))):
            cols.append(draw(value_column(f"c{j}", numeric, 2020 + i)))
        if parents and draw(st.booleans()):  # type: ignore[arg-type]  # the child's value conditioned on its parent's
            cols.append({"name": "mirror", "type": "STRING", "description": "conditioned on the parent",
                         "generator": {"kind": "categorical", "values": ["a", "b", "c"],
                                       "cases": [{"when": [{"column": "state", "via": f"t{parents[0]}_id", "equals": "c"}], "values": ["a"]}]}})
        if draw(st.booleans()):  # present only on some rows
            cols.append({"name": "only_b", "type": "INT64", "description": "only when state is b",
                         "generator": {"kind": "numeric", "distribution": "poisson", "mean": 3},
                         "only_when": [{"column": "state", "equals": "b"}]})
        if draw(st.booleans()):  # text that agrees with a number
            cols.append({"name": "verdict", "type": "STRING", "description": "text conditioned on weight",
                         "generator": {"kind": "text", "templates": ["so-so"], "slots": {},
                                       "cases": [{"when": [{"column": "weight", "max": 2}], "templates": ["bad {w}"], "slots": {"w": ["x", "y"]}},
                                                 {"when": [{"column": "weight", "min": 7}], "templates": ["good"], "slots": {}}]}})
        if parents:  # look up something from the first parent
            cols.append({"name": "parent_key_copy", "type": next(c["type"] for c in tables[parents[0]]["columns"] if c["name"] == "id"),
                         "description": "copied", "generator": {"kind": "lookup", "via": f"t{parents[0]}_id", "column": "id"}})
        table.update(columns=cols, foreign_keys=fks)
        tables.append(table)
    return {"name": "random", "industry": "other", "description": "random spec", "seed": draw(st.integers(0, 2**40)),
            "tables": tables}


@SETTINGS
@given(specs())
def test_random_specs_generate_consistent_keys_deterministically(d: dict[str, Any]) -> None:
    spec = DatasetSpec.model_validate(d)
    with tempfile.TemporaryDirectory() as tmp:
        a = generate_dataset(spec, Path(tmp) / "a", chunk_rows=128)
        b = generate_dataset(spec, Path(tmp) / "b", chunk_rows=128)
        for name in a:
            assert pq.read_table(a[name].path).equals(pq.read_table(b[name].path)), name
        results = check(spec, Path(tmp) / "a", queries=False)
        rules = ("pk", "fk", "after", "nulls", "case", "text_case", "only_when", "exclude", "match", "started", "until",
                 "time_order", "run_date")
        bad = [r for r in results if r.name.split(":")[0] in rules and not r.passed]
        assert not bad, bad
        expected = spec.expected_rows()
        for t in spec.tables:
            if t.children_per_parent is None:
                assert a[t.name].rows == expected[t.name]


MUTATIONS = ["reserved", "bad_name", "duplicate", "missing_table", "type_mismatch", "not_a_key"]


@SETTINGS
@given(specs(), st.sampled_from(MUTATIONS), st.data())
def test_random_invalid_specs_are_rejected_naming_table_and_column(d: dict[str, Any], mutation: str, data: st.DataObject) -> None:
    d = copy.deepcopy(d)
    t = data.draw(st.sampled_from(d["tables"]))
    col = data.draw(st.sampled_from(t["columns"]))
    if mutation in ("missing_table", "not_a_key") and not t["foreign_keys"]:
        mutation = "reserved"
    if mutation == "reserved":
        col["name"] = data.draw(st.sampled_from(["select", "FROM", "Join", "window", "unnest"]))
        target = col["name"]
    elif mutation == "bad_name":
        col["name"] = data.draw(st.sampled_from(["1st", "a-b", "with space", "é"]))
        target = col["name"]
    elif mutation == "duplicate":
        other = data.draw(st.sampled_from(t["columns"]))
        t["columns"].append(copy.deepcopy(other) | {"name": other["name"].upper()})
        target = other["name"].upper()
    elif mutation == "type_mismatch":
        col["type"] = "BOOL" if col["type"] != "BOOL" else "DATE"
        target = col["name"]
    else:
        fk = data.draw(st.sampled_from(t["foreign_keys"]))
        if mutation == "missing_table":
            fk["references_table"] = "nowhere"
        else:
            fk["references_column"] = "not_the_key"
        target = fk["column"]
    try:
        DatasetSpec.model_validate(d)
    except ValidationError as e:
        message = str(e)
        assert f"table {t['name']!r}" in message, message
        assert repr(target) in message, (target, message)
    else:
        raise AssertionError(f"{mutation} on {t['name']}.{target} was accepted")
