"""Gender, nationality, disability and migration background are no inputs of the model: they are
not among the features, and changing them does not change a participant's risk."""

from __future__ import annotations

import datetime as dt
import inspect

from stufenweg.earlywarning import features, scoring
from stufenweg.earlywarning.features import PROTECTED_ATTRIBUTES, feature_names
from stufenweg.earlywarning.selectors import risk_for
from stufenweg.people.models import Person


def test_no_feature_names_a_protected_attribute(world):
    names = feature_names(["S2", "S3", "S4"])
    for name in names:
        for attribute in PROTECTED_ATTRIBUTES:
            assert attribute not in name
    assert {"gender", "nationality", "disability", "foreign_background"} <= set(PROTECTED_ATTRIBUTES)


def test_the_feature_code_reads_of_the_person_only_the_birth_date():
    source = inspect.getsource(features) + inspect.getsource(scoring)
    assert "participation__person__birth_date" in source
    for attribute in PROTECTED_ATTRIBUTES:
        assert f"person__{attribute}" not in source
        assert f".{attribute}" not in source


def test_changing_gender_nationality_disability_does_not_change_the_risk(world, journey):
    from stufenweg.earlywarning.models import ProgrammeSetting
    from tests.earlywarning.helpers import hand_model

    ProgrammeSetting.objects.create(programme=world.programme, enabled=True)
    # every journey feature counts, so a change of any input would show
    hand_model(
        world.programme,
        days_without_contact=0.004,
        days_in_stage=0.003,
        stage_S3=0.4,
        **{"age_45-54": 0.3},
        missed_appointments=0.5,
    )
    day = dt.date(2024, 6, 1)
    before = risk_for(journey, day=day)[1].risk
    person = journey.person
    for gender, nationality, disability, background in (
        ("m", "DE", "no", "no"),
        ("f", "SY", "yes", "yes"),
        ("d", "PL", "na", ""),
        ("x", "stateless", "", "na"),
    ):
        Person.objects.filter(pk=person.pk).update(
            gender=gender, nationality=nationality, disability=disability, foreign_background=background
        )
        journey.refresh_from_db()
        assert risk_for(journey, day=day)[1].risk == before
    assert 0.05 < before < 0.95  # a risk that could move
