"""Migration programmes.0005: a programme's single caseload ratio becomes its first dated ratio,
valid from the start of its first measure; a programme without a ratio gets none; backwards, the
latest ratio becomes the field again."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migration_steps import migrate_to, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("programmes", "0004_measure_start")]
AFTER = [("programmes", "0005_caseload_ratio_history")]


def test_the_ratio_moves_into_a_dated_ratio_and_back():
    try:
        apps = migrate_to(BEFORE)
        Programme = apps.get_model("programmes", "Programme")
        Measure = apps.get_model("programmes", "Measure")
        Organisation = apps.get_model("organisations", "Organisation")
        Region = apps.get_model("organisations", "Region")
        region = Region.objects.create(code="RM", name="Region M")
        provider = Organisation.objects.create(code="T-M", name="Träger M", kind="provider", region=region)
        with_ratio = Programme.objects.create(code="WPM", name="Mit Schlüssel", caseload_ratio=65)
        Programme.objects.create(code="OHN", name="Ohne Schlüssel")
        for start in (dt.date(2019, 3, 1), dt.date(2018, 1, 1)):
            Measure.objects.create(
                code=f"M-{start:%Y}", name="M", programme=with_ratio, provider=provider, region=region,
                places=10, start=start,
            )  # fmt: skip

        apps = migrate_to(AFTER)
        CaseloadRatio = apps.get_model("programmes", "CaseloadRatio")
        assert list(CaseloadRatio.objects.values_list("programme__code", "valid_from", "ratio")) == [
            ("WPM", dt.date(2018, 1, 1), 65)
        ]

        apps = migrate_to(BEFORE)
        Programme = apps.get_model("programmes", "Programme")
        assert dict(Programme.objects.values_list("code", "caseload_ratio")) == {"WPM": 65, "OHN": None}
    finally:
        migrate_to_latest()
