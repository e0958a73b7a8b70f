"""The model's report as XLSX: quality figures, coefficients, fairness audit (no person)."""

from __future__ import annotations

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.spreadsheet import neutralise_row
from stufenweg.indicators.results import SUPPRESSED

FIGURE_HEADERS = {
    "persons": "Personen",
    "n": "Stichtage",
    "observed": "beobachtete Abbruchquote",
    "predicted": "mittleres vorhergesagtes Risiko",
    "fpr": "Fehlalarmquote (FPR)",
    "fnr": "übersehene Abbrüche (FNR)",
}


def fairness_workbook(out, *, model, coefficients: list[dict], fairness: list[dict]) -> None:
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    pct = book.add_format({"num_format": "0.0%"})
    num = book.add_format({"num_format": "0.000"})

    sheet = book.add_worksheet(_("Modell"))
    day = book.add_format({"num_format": "dd.mm.yyyy", "align": "left"})
    moment = book.add_format({"num_format": "dd.mm.yyyy hh:mm", "align": "left"})
    trained = (
        timezone.localtime(model.trained_at).replace(tzinfo=None, microsecond=0) if model.trained_at else None
    )
    # dates as dates, counts as numbers (training and test side by side)
    rows = [
        (_("Programm"), f"{model.programme.code} – {model.programme.name}"),
        (_("trainiert am"), (trained, moment)),
        (_("Datenstand"), (model.as_of, day)),
        (_("Vorhersagezeitraum (Tage)"), model.horizon_days),
        (_("AUC (Testdaten)"), model.auc),
        (_("Warnschwelle"), model.threshold),
        (_("Stichtage Training / Test"), model.n_train, model.n_test),
        (_("Personen Training / Test"), model.persons_train, model.persons_test),
        (_("Abbrüche Training / Test"), model.positives_train, model.positives_test),
    ]
    for i, (label, *values) in enumerate(rows):
        sheet.write_string(i, 0, neutralise_row([label])[0])
        for col, value in enumerate(values, start=1):
            if isinstance(value, tuple):
                value, fmt = value
                if value is None:
                    sheet.write_blank(i, col, None)
                else:
                    sheet.write_datetime(i, col, value, fmt)
            elif isinstance(value, str):
                sheet.write_string(i, col, neutralise_row([value])[0])
            elif value is None:
                sheet.write_blank(i, col, None)
            else:
                sheet.write_number(i, col, value)
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 2, 12)

    sheet = book.add_worksheet(_("Koeffizienten"))
    sheet.write_row(0, 0, [_("Merkmal"), _("Koeffizient (standardisiert)"), _("Mittelwert Training")], bold)
    for i, row in enumerate(coefficients, start=1):
        sheet.write(i, 0, neutralise_row([row["label"]])[0])
        sheet.write_number(i, 1, row["coefficient"], num)
        sheet.write_number(i, 2, row["mean"], num)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 2, 22)

    sheet = book.add_worksheet(_("Fairness"))
    headers = [_("Merkmal"), _("Gruppe")] + [_(h) for h in FIGURE_HEADERS.values()]
    sheet.write_row(0, 0, headers, bold)
    line = 1
    for dim in fairness:
        for group in dim["groups"]:
            sheet.write(line, 0, dim["title"])
            sheet.write(line, 1, neutralise_row([group["label"]])[0])
            for col, key in enumerate(FIGURE_HEADERS, start=2):
                value = group[key]
                if value is None or value == SUPPRESSED:
                    sheet.write(line, col, "–" if value is None else SUPPRESSED)
                elif key in ("persons", "n"):
                    sheet.write_number(line, col, value)
                else:
                    sheet.write_number(line, col, value, pct)
            line += 1
    sheet.write(
        line + 1,
        0,
        _("* = weniger als %(n)d Personen (oder zum Schutz einer solchen Gruppe ausgeblendete Anzahl)")
        % {"n": model.fairness.get("min_persons", 0)},
    )
    sheet.set_column(0, 1, 26)
    sheet.set_column(2, 7, 20)
    book.close()
