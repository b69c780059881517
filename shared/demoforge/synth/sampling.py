"""Random streams and weighted draws shared by the column generators.

Each column of each chunk has its own random stream derived from (seed, table, column,
chunk), so the output is deterministic for a seed and adding a column does not change the
others. Weighted draws use Walker's alias method; popularity (zipf) weights are shuffled so
popular ids are scattered.
"""

from __future__ import annotations

import zlib

import numpy as np


def rng(seed: int, *parts: str | int) -> np.random.Generator:
    """The random stream for ``parts`` (e.g. table, column, chunk number) under ``seed``;
    crc32 rather than ``hash()``, which is salted per process."""
    words = [seed % 2**32, (seed // 2**32) % 2**32]
    for p in parts:
        words.append(zlib.crc32(p.encode()) if isinstance(p, str) else int(p) % 2**32)
    return np.random.default_rng(words)


class Alias:
    """Walker's alias method: O(1) exact weighted draws (two random numbers and two gathers
    per row) instead of a binary search per row, which is cache-hostile for large tables
    of weights (100k customers, 26k day-hours). Built once per column."""

    def __init__(self, weights: np.ndarray) -> None:
        w = np.asarray(weights, dtype=np.float64)
        k = len(w)
        q = w * (k / w.sum())
        prob = np.ones(k)
        alias = np.arange(k, dtype=np.int64)
        small = np.flatnonzero(q < 1.0).tolist()
        large = np.flatnonzero(q >= 1.0).tolist()
        ql = q.tolist()
        while small and large:  # O(k) once; sampling is what must be fast
            s, g = small.pop(), large[-1]
            prob[s] = ql[s]
            alias[s] = g
            ql[g] -= 1.0 - ql[s]
            if ql[g] < 1.0:
                large.pop()
                small.append(g)
        self.prob, self.alias, self.k = prob, alias, k

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        j = rng.integers(0, self.k, n)
        return np.where(rng.random(n) < self.prob[j], j, self.alias[j])


def zipf_weights(n: int, a: float, rng: np.random.Generator) -> np.ndarray:
    """Popularity of n parents ~ 1/rank^a, ranks shuffled so popular ids are scattered."""
    weights = np.arange(1, n + 1, dtype=np.float64) ** -a
    return weights[rng.permutation(n)]
