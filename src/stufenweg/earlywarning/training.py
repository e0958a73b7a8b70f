"""Training a programme's model with scikit-learn (no hand-written fitting).

Samples: every enrolment of the programme, looked at every ``STEP_DAYS`` days from its entry while
it was open, as long as the horizon after that day lies before the data's as-of day (otherwise
the outcome is not known yet). Label: the enrolment ended by dropout (exit kind
``early_negative``, INDICATORS.md exit group ``dropout``) within the horizon after the day.
Split: by person (``GroupShuffleSplit``, a quarter of the persons held out), so that no person is
in both parts. Model: standardised features, ``LogisticRegression``; the AUC and the fairness
audit are computed on the held-out persons only. Stored: the numbers (means, scales,
coefficients, intercept, threshold), never a pickled object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from stufenweg.earlywarning import fairness
from stufenweg.earlywarning.features import (
    Facts,
    Spell,
    age_band,
    facts_of,
    feature_names,
    row,
    spells,
    vector,
)
from stufenweg.earlywarning.models import RiskModel
from stufenweg.journeys.models import Enrolment, Participation
from stufenweg.people.models import Person

STEP_DAYS = 30
TEST_SHARE = 0.25
MIN_PERSONS = 40  # persons with samples, in all
MIN_POSITIVES = 5  # dropouts in each part
SEED = 20260101

TOO_FEW = gettext_noop(
    "Zu wenige abgeschlossene Verläufe für ein Modell (mindestens 40 Personen und je 5 Abbrüche "
    "in Trainings- und Testdaten)."
)


class TooFewData(Exception):
    pass


@dataclass
class Dataset:
    names: list[str]
    rows: list[list[float]]
    labels: list[int]
    persons: list[int]
    samples: list[tuple[Spell, dt.date]]


def stage_codes_of(programme) -> list[str]:
    return list(programme.stages.order_by("position", "pk").values_list("code", flat=True))


def dataset(programme, *, as_of: dt.date, horizon_days: int) -> Dataset:
    """The samples of ``programme`` as known on ``as_of``."""
    codes = stage_codes_of(programme)
    names = feature_names(codes)
    horizon = dt.timedelta(days=horizon_days)
    enrolments = Enrolment.objects.filter(participation__programme=programme, entered_on__lte=as_of - horizon)
    facts = facts_of(Participation.objects.filter(programme=programme))
    data = Dataset(names, [], [], [], [])
    for spell in spells(enrolments):
        # an exit after the as-of day is not known on the as-of day
        exited = spell.exited_on if spell.exited_on and spell.exited_on <= as_of else None
        day = spell.entered_on
        while day + horizon <= as_of and (exited is None or day < exited):
            values = vector(spell, facts.get(spell.participation_id, Facts()), day, codes)
            data.rows.append(row(values, names))
            data.labels.append(int(spell.dropout and exited is not None and exited <= day + horizon))
            data.persons.append(spell.person_id)
            data.samples.append((spell, day))
            day += dt.timedelta(days=STEP_DAYS)
    return data


def _groups_of(samples: list[tuple[Spell, dt.date]]) -> list[dict[str, str]]:
    """The audit groups of held-out samples (gender, age band, nationality group, disability):
    read for the fairness audit only. A person's samples all fall in one age band — the band on
    the person's first held-out sample day — so that the bands are disjoint (a person whose
    samples span a birthday would otherwise be counted in two bands)."""
    person_ids = {spell.person_id for spell, _ in samples}
    first_seen: dict[int, tuple[dt.date, dt.date]] = {}  # person → (first sample day, birth date)
    for spell, day in samples:
        seen = first_seen.get(spell.person_id)
        if seen is None or day < seen[0]:
            first_seen[spell.person_id] = (day, spell.birth_date)
    bands = {pk: age_band(birth, day) for pk, (day, birth) in first_seen.items()}
    people = {
        pk: (gender, nationality, disability)
        for pk, gender, nationality, disability in Person.objects.filter(pk__in=person_ids).values_list(
            "pk", "gender", "nationality", "disability"
        )
    }
    out = []
    for spell, _day in samples:
        gender, nationality, disability = people[spell.person_id]
        out.append(
            {
                "gender": gender,
                "age_band": bands[spell.person_id],
                "nationality": fairness.nationality_group(nationality),
                "disability": disability if disability in ("yes", "no") else "",
            }
        )
    return out


@dataclass
class Fit:
    means: list[float]
    scales: list[float]
    coefficients: list[float]
    intercept: float
    threshold: float
    auc: float
    train_index: list[int]
    test_index: list[int]
    test_risks: list[float]


def fit(data: Dataset) -> Fit:
    """Split by person, fit, evaluate on the held-out persons."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score, roc_curve
    from sklearn.model_selection import GroupShuffleSplit
    from sklearn.preprocessing import StandardScaler

    if len(set(data.persons)) < MIN_PERSONS:
        raise TooFewData
    x = np.asarray(data.rows, dtype=float)
    y = np.asarray(data.labels, dtype=int)
    groups = np.asarray(data.persons)
    split = GroupShuffleSplit(n_splits=1, test_size=TEST_SHARE, random_state=SEED)
    train, test = next(split.split(x, y, groups))
    if y[train].sum() < MIN_POSITIVES or y[test].sum() < MIN_POSITIVES:
        raise TooFewData
    if y[train].sum() == len(train) or y[test].sum() == len(test):
        raise TooFewData
    scaler = StandardScaler().fit(x[train])
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(x[train]), y[train])
    train_risk = model.predict_proba(scaler.transform(x[train]))[:, 1]
    # the warning threshold: where recognised dropouts minus false alarms is greatest (Youden) on
    # the training part; never chosen on the held-out part
    fpr, tpr, thresholds = roc_curve(y[train], train_risk)
    best = int(np.argmax(tpr - fpr))
    threshold = float(min(1.0, thresholds[best]))
    test_risk = model.predict_proba(scaler.transform(x[test]))[:, 1]
    return Fit(
        means=[float(v) for v in scaler.mean_],
        scales=[float(v) for v in scaler.scale_],
        coefficients=[float(v) for v in model.coef_[0]],
        intercept=float(model.intercept_[0]),
        threshold=round(threshold, 4),
        auc=float(roc_auc_score(y[test], test_risk)),
        train_index=[int(i) for i in train],
        test_index=[int(i) for i in test],
        test_risks=[float(v) for v in test_risk],
    )


def train(model: RiskModel, *, as_of: dt.date | None = None) -> RiskModel:
    """Train ``model`` (a queued row) and store the result on it."""
    as_of = as_of or timezone.localdate()
    data = dataset(model.programme, as_of=as_of, horizon_days=model.horizon_days)
    try:
        result = fit(data)
    except TooFewData:
        RiskModel.objects.filter(pk=model.pk).update(
            status=RiskModel.Status.FAILED, message=TOO_FEW, as_of=as_of, n_train=len(data.rows)
        )
        model.refresh_from_db()
        return model
    held_out = [data.samples[i] for i in result.test_index]
    groups = _groups_of(held_out)
    cases = [
        fairness.Case(
            person_id=data.persons[i],
            groups=groups[k],
            risk=result.test_risks[k],
            dropout=bool(data.labels[i]),
        )
        for k, i in enumerate(result.test_index)
    ]
    audit = fairness.audit(cases, result.threshold)
    with transaction.atomic():
        model.status = RiskModel.Status.DONE
        model.trained_at = timezone.now()
        model.as_of = as_of
        model.features = data.names
        model.means = result.means
        model.scales = result.scales
        model.coefficients = result.coefficients
        model.intercept = result.intercept
        model.threshold = result.threshold
        model.auc = round(result.auc, 4)
        model.n_train = len(result.train_index)
        model.n_test = len(result.test_index)
        model.persons_train = len({data.persons[i] for i in result.train_index})
        model.persons_test = len({data.persons[i] for i in result.test_index})
        model.positives_train = sum(data.labels[i] for i in result.train_index)
        model.positives_test = sum(data.labels[i] for i in result.test_index)
        model.fairness = audit
        model.message = ""
        model.save()
    return model
