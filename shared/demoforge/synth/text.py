"""Text columns: free text rendered from templates with slot vocabularies, and people,
companies, places and e-mail addresses sampled from Faker pools (``pools``), all as
vectorised pyarrow string operations."""

from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import ColumnSpec, FakeGen, TextGen
from demoforge.synth import pools
from demoforge.synth.arrays import Values
from demoforge.synth.context import Chunk, TableContext
from demoforge.synth.effects import conditions

_TEXT_SLOT = re.compile(r"{(\w*)}")


def text_column(ctx: TableContext, col: ColumnSpec, g: TextGen, chunk: Chunk, rng: np.random.Generator) -> Values:
    out = render(g.templates, g.slots, chunk.n, rng)
    if not g.cases:
        return out
    taken = np.zeros(chunk.n, dtype=bool)
    for k, case in enumerate(g.cases):
        mask = conditions(ctx, case.when, chunk) & ~taken
        taken |= mask
        if mask.any():
            text = render(case.templates, case.slots, chunk.n, ctx.rng(col.name, "case", k, chunk.number))
            out = pc.if_else(pa.array(mask), text, out)
    return out


def render(templates: list[str], slots: dict[str, list[str]], n: int, rng: np.random.Generator) -> pa.Array:
    """``n`` texts, each from a random template with its slots filled at random."""
    which = rng.integers(0, len(templates), n)
    rendered: list[pa.Array] = []
    slot_pools = {k: pa.array(v, type=pa.string()) for k, v in slots.items()}
    for tpl in templates:
        parts = _TEXT_SLOT.split(tpl)  # literal, slot, literal, slot, ..., literal
        pieces: list[Any] = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                if part:
                    pieces.append(part)
            else:
                pool = slot_pools[part]
                pieces.append(pool.take(pa.array(rng.integers(0, len(pool), n))))
        if not any(isinstance(p, pa.Array) for p in pieces):
            rendered.append(pa.array(["".join(pieces)] * n, type=pa.string()))
        elif len(pieces) == 1:
            rendered.append(pieces[0])
        else:
            rendered.append(pc.binary_join_element_wise(*pieces, ""))
    if len(rendered) == 1:
        return rendered[0]
    return pc.choose(pa.array(which), *rendered)


def fake_column(ctx: TableContext, col: ColumnSpec, g: FakeGen, chunk: Chunk, rng: np.random.Generator) -> Values:
    if g.field == "email":
        return _emails(ctx, g, chunk, rng)
    if g.field == "name":
        return _names(col.name, g, chunk, rng)
    values = pools.pool(g.field, g.locale, g.pool_size)
    return values.take(pa.array(rng.integers(0, len(values), chunk.n)))


def _names(name: str, g: FakeGen, chunk: Chunk, rng: np.random.Generator) -> Values:
    """Full names composed per row from the locale's first- and last-name pools."""
    first = pools.pool("first_name", g.locale)
    last = pools.pool("last_name", g.locale)
    fi, li = rng.integers(0, len(first), chunk.n), rng.integers(0, len(last), chunk.n)
    chunk.name_parts[name] = (g.locale, fi, li)
    f, la = first.take(pa.array(fi)), last.take(pa.array(li))
    if g.locale.split("_")[0] in pools.FAMILY_FIRST:
        return pc.binary_join_element_wise(la, f, " ")
    return pc.binary_join_element_wise(f, la, " ")


def email_local(values: pa.Array) -> pa.Array:
    """The local part of an address from a name: "Müller" -> "muller" (decomposed, accents
    dropped, ASCII letters and digits joined by dots), "customer" when nothing is left."""
    local = pc.replace_substring_regex(pc.utf8_normalize(pc.utf8_lower(values), "NFKD"), r"\p{Mn}+", "")
    local = pc.utf8_trim(pc.replace_substring_regex(local, r"[^a-z0-9]+", "."), ".")
    return pc.if_else(pc.equal(local, ""), "customer", local)  # e.g. names in kana


@functools.lru_cache(maxsize=64)
def _local_pool(field: str, locale: str) -> pa.Array:
    return email_local(pools.pool(field, locale))


def _emails(ctx: TableContext, g: FakeGen, chunk: Chunk, rng: np.random.Generator) -> Values:
    domains = pools.pool("free_email_domain", g.locale, 50)
    parts = chunk.name_parts.get(g.source or "")
    if parts is not None:  # the name's pools, normalised once: two takes and a join per row
        locale, fi, li = parts
        local = pc.binary_join_element_wise(
            _local_pool("first_name", locale).take(pa.array(fi)), _local_pool("last_name", locale).take(pa.array(li)), ".")
        local = pc.utf8_trim(pc.replace_substring(local, "customer.customer", "customer"), ".")
    elif g.source is not None:
        local = email_local(chunk.values[g.source])
    else:
        first = pools.pool("first_name", g.locale, g.pool_size)
        last = pools.pool("last_name", g.locale, g.pool_size)
        local = email_local(pc.binary_join_element_wise(
            first.take(pa.array(rng.integers(0, len(first), chunk.n))),
            last.take(pa.array(rng.integers(0, len(last), chunk.n))), " ",
        ))
    # The row number makes every address unique, like real sign-up data requires.
    number = pc.cast(pa.array(chunk.row_numbers + 1), pa.string())
    dom = domains.take(pa.array(rng.integers(0, len(domains), chunk.n)))
    return pc.binary_join_element_wise(pc.binary_join_element_wise(local, number, "."), dom, "@")
