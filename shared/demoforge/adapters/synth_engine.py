"""``SynthEngine`` on ``demoforge.synth`` (vectorised numpy/pyarrow generation to Parquet).

The engine is imported on the first ``generate`` call: numpy and pyarrow are heavy, and
only the warehouse phase needs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from demoforge.service.ports import GeneratedTable

if TYPE_CHECKING:
    from demoforge.spec.model import DatasetSpec


class LocalSynthEngine:
    def generate(self, spec: DatasetSpec, out_dir: Path, *, seed: int) -> Mapping[str, GeneratedTable]:
        from demoforge.synth.generate import generate_dataset

        return generate_dataset(spec, out_dir, seed=seed)
