"""Hypothesis profiles for the robustness tests.

``ci`` (the default): a bounded number of examples, no deadline (shared machines
are noisy), derandomized so that every run tries the same inputs. ``dev``: more
examples, random, failures kept in ``.hypothesis/``. ``fuzz``: many more, for long local runs. Choose one with
``HYPOTHESIS_PROFILE=dev python -m pytest tests/robustness``; for runs of a given
length use ``python -m tests.robustness.fuzz --seconds 600``.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
DATABASE = DirectoryBasedExampleDatabase(Path(__file__).parents[2] / ".hypothesis" / "examples")
settings.register_profile("ci", max_examples=150, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=300, database=DATABASE, **_COMMON)
settings.register_profile("fuzz", max_examples=5_000, database=DATABASE, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

