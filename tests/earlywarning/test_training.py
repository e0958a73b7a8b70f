"""Training: samples and labels of a journey counted by hand, the person-grouped split, the AUC on
held-out persons, and stored numbers that reproduce scikit-learn's probabilities."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

from stufenweg.earlywarning.models import RiskModel
from stufenweg.earlywarning.scoring import probability
from stufenweg.earlywarning.training import Dataset, TooFewData, dataset, fit, train
from stufenweg.journeys import services

D = dt.date


def test_samples_and_labels_of_a_dropout_journey(world, journey):
    """Entered 1 Feb 2024, dropped out 15 May 2024; horizon 90 days, a sample every 30 days."""
    services.enrolment_exit(
        participation=journey, on=D(2024, 5, 15), kind="early_negative", statuses=["job_seeking"], by=None
    )
    data = dataset(world.programme, as_of=D(2025, 1, 1), horizon_days=90)
    assert [day for _, day in data.samples] == [D(2024, 2, 1), D(2024, 3, 2), D(2024, 4, 1), D(2024, 5, 1)]
    # 1 Feb + 90 days = 1 May: the exit on 15 May lies after that horizon
    assert data.labels == [0, 1, 1, 1]
    assert data.persons == [journey.person_id] * 4


def test_an_exit_after_the_as_of_day_is_not_known(world, journey):
    services.enrolment_exit(
        participation=journey, on=D(2024, 5, 15), kind="early_negative", statuses=["job_seeking"], by=None
    )
    data = dataset(world.programme, as_of=D(2024, 5, 10), horizon_days=90)
    assert [day for _, day in data.samples] == [D(2024, 2, 1)]  # 2 Mar + 90 days is after 10 May
    assert data.labels == [0]


def test_a_regular_exit_is_no_dropout(world, journey):
    services.enrolment_exit(
        participation=journey, on=D(2024, 5, 15), kind="regular", statuses=["employed_svb"], by=None
    )
    assert set(dataset(world.programme, as_of=D(2025, 1, 1), horizon_days=90).labels) == {0}


def synthetic(persons=200, seed=1) -> Dataset:
    """Two features: the first drives the outcome, the second is noise; 3 samples per person."""
    rng = random.Random(seed)
    data = Dataset(["signal", "noise"], [], [], [], [])
    for person in range(persons):
        for _ in range(3):
            signal = rng.gauss(0, 1)
            label = int(rng.random() < 1 / (1 + math.exp(-(2.5 * signal - 2))))
            data.rows.append([signal, rng.gauss(0, 1)])
            data.labels.append(label)
            data.persons.append(person)
            data.samples.append((None, None))
    return data


def test_fit_splits_by_person_and_finds_the_signal():
    data = synthetic()
    result = fit(data)
    train_persons = {data.persons[i] for i in result.train_index}
    test_persons = {data.persons[i] for i in result.test_index}
    assert not train_persons & test_persons
    assert len(test_persons) == 50  # a quarter of 200 persons
    assert result.auc > 0.8
    assert result.coefficients[0] > 1.0 > abs(result.coefficients[1])
    assert 0 < result.threshold < 1


def test_the_stored_numbers_reproduce_scikit_learns_probabilities():
    data = synthetic()
    result = fit(data)
    stored = RiskModel(
        features=data.names,
        means=result.means,
        scales=result.scales,
        coefficients=result.coefficients,
        intercept=result.intercept,
    )
    for k, i in enumerate(result.test_index[:20]):
        assert probability(stored, data.rows[i]) == pytest.approx(result.test_risks[k], abs=1e-9)


def test_too_few_persons_is_refused():
    with pytest.raises(TooFewData):
        fit(synthetic(persons=30))


def test_a_programme_without_history_fails_with_a_message(world, journey):
    model = train(RiskModel.objects.create(programme=world.programme), as_of=D(2025, 1, 1))
    assert model.status == RiskModel.Status.FAILED
    assert "Zu wenige" in model.message
