"""Fixtures of the early-warning tests: the casework journeys and a hand-made model."""

from __future__ import annotations

import pytest

from tests.casework.conftest import journey, read_only  # noqa: F401 (fixtures for this folder)
from tests.earlywarning.helpers import switch_on_with_model


@pytest.fixture
def model(world):
    """World's programme with the early warning on and a model driven by the days without
    contact: risk 0.5 at 60 days, above the threshold 0.4 from 57 days on."""
    return switch_on_with_model(world.programme)
