"""Exits, jobs, re-entries and follow-ups of the journey planner (a mixin of ``flow.Planner``)."""

from __future__ import annotations

import datetime as dt

from stufenweg.core.time import add_months
from stufenweg.demo.names import DROPOUT_REASONS, NEUTRAL_REASONS, REASON_CODES
from stufenweg.demo.plan import DAY, Draft
from stufenweg.demo.population import weighted
from stufenweg.journeys.codes import join_statuses

EMPLOYED = ("employed_svb", "minijob", "self_employed")
KIND_OF_STATUS = {"employed_svb": "svb", "minijob": "minijob", "self_employed": "self_employed"}
STATUS_OF_KIND = {
    "svb": "employed_svb",
    "minijob": "minijob",
    "self_employed": "self_employed",
    "vocational_training": "education",
    "publicly_funded": "employed_svb",
}
HOURS = {
    "svb": [20, 25, 30, 30, 35, 38.5, 40, 40],
    "minijob": [6, 8, 10, 12],
    "self_employed": [20, 30, 40],
    "vocational_training": [39],
    "publicly_funded": [30],
}
# Status six months after exit, given the main status on leaving (no job open then)
FOLLOW_UP_FROM = {
    "job_seeking": {"job_seeking": 73, "employed_svb": 12, "minijob": 5, "education": 5, "unknown": 5},
    "education": {"education": 55, "employed_svb": 15, "job_seeking": 30},
    "parental_leave": {"parental_leave": 80, "job_seeking": 20},
    "rehab_pension_other": {"rehab_pension_other": 85, "job_seeking": 15},
    "unknown": {"unknown": 60, "job_seeking": 40},
    "employed_svb": {"job_seeking": 80, "minijob": 20},
    "minijob": {"job_seeking": 80, "minijob": 20},
    "self_employed": {"job_seeking": 100},
}


class OutcomeMixin:
    def _exit(self, j: Draft, outcome: dict, on: dt.date, by: str, stage: str) -> dt.date:
        rng = self.rng
        kind = outcome["exit"]
        spec = self.flow["stages"][stage]
        main = weighted(rng, outcome["statuses"])
        statuses: list[str] = []
        if main == "current":
            statuses = [STATUS_OF_KIND[j.job[0]]] if j.job else ["job_seeking"]
        elif main == "employed":
            status = weighted(rng, spec["employment"])
            statuses = [status]
            if status == "minijob" and rng.random() < 0.3:
                statuses.append("job_seeking")
        else:
            statuses = [main]
        if outcome.get("job_ends") and j.job:
            self._job_end(j, on, by)
            if "current" in outcome["statuses"]:
                statuses = ["job_seeking"]
        for status in statuses:
            if status in KIND_OF_STATUS and not j.job:
                start = on + self.days(1, 10) if kind == "early_positive" else on + self.days(-5, 20)
                self._job_start(j, start, KIND_OF_STATUS[status], by=by)
        reason = ""
        if kind == "early_negative":
            reason = rng.choice(DROPOUT_REASONS)
        elif kind == "early_neutral":
            reason = rng.choice(NEUTRAL_REASONS)
        reason_code = REASON_CODES["exit"].get(reason, "")
        if kind == "early_positive":
            reason_code = "bildung" if "education" in statuses else "arbeit"
        qualification = bool(outcome.get("qualification"))
        self.add(j, "exit", on, by, exit_kind=kind, statuses=join_statuses(statuses), reason=reason,
                 reason_code=reason_code, qualification=qualification)  # fmt: skip
        if qualification:
            self.add(j, "qualification", on, by, reason=outcome["qualification"])
        j.last_statuses = statuses
        j.last_stage = stage
        return on

    def _job_start(self, j: Draft, on: dt.date, kind: str, *, by: str | None = None, hours=None) -> None:
        rng = self.rng
        if j.job:
            self._job_end(j, on - DAY, by or j.caseworker)
        if kind == "minijob":
            effect = "reduced" if rng.random() < 0.6 else "none"
        elif kind == "publicly_funded":
            effect = "reduced"
        else:
            effect = weighted(rng, self.flow["benefit_effect"])
        self.add(
            j,
            "employment_start",
            on,
            by or j.caseworker,
            employment_kind=kind,
            employer=self.employer(j.region),
            hours=hours or rng.choice(HOURS[kind]),
            benefit_effect=effect,
        )
        j.job = (kind, on)
        j.spells.append([on, None, effect])

    def _job_end(self, j: Draft, on: dt.date, by: str) -> None:
        on = max(on, j.job[1])
        self.add(j, "employment_end", on, by)
        j.job = None
        j.spells[-1][1] = on

    def _after_exit(self, j: Draft, exited: dt.date, *, reentries: int) -> None:
        rng, flow = self.rng, self.flow
        follow = flow["follow_up"]
        months = self.d.get("follow_up_months", 6)
        due = add_months(exited, months) + self.days(-10, 10)
        loss = flow["stages"].get(j.last_stage, {}).get("job_loss", flow.get("job_loss", 0))
        if j.job and rng.random() < loss:
            self._job_end(j, exited + self.days(30, 170), j.caseworker)
        reentry = flow["reentry"]
        again = None
        if reentries > 0 and not j.job and rng.random() < reentry["share"]:
            again = exited + self.days(*reentry["after_days"])
        if rng.random() < follow["share"] and (again is None or due < again - 7 * DAY):
            self._follow_up(j, due, exited, follow["reached"])
        if again is None or again > self.end:
            return
        if rng.random() < reentry["via_referral"]:
            self._refer(j, again)
            t = again + self.days(*flow["assessment"]["days"])
            self.add(j, "assessment_start", t, j.caseworker, region=j.region)
            result = self._episode(j, t, via_assessment=True)
        else:
            self.add(j, "reactivation", again, j.caseworker, region=j.region)
            result = self._episode(j, again, via_assessment=False)
        if result is not None:
            self._after_exit(j, result, reentries=reentries - 1)

    def _follow_up(self, j: Draft, on: dt.date, exited: dt.date, reached_share: float) -> None:
        rng = self.rng
        if rng.random() >= reached_share:
            self.add(j, "follow_up", on, j.caseworker, statuses="", reached=False, source="other")
            return
        if j.job and j.job[1] <= on:
            statuses = [STATUS_OF_KIND[j.job[0]]]
        else:
            main = j.last_statuses[0] if j.last_statuses else "unknown"
            status = weighted(rng, FOLLOW_UP_FROM.get(main, FOLLOW_UP_FROM["unknown"]))
            statuses = [status]
            if status in KIND_OF_STATUS:
                earliest = exited + 29 * DAY
                start = on - self.days(20, 120)
                self._job_start(j, max(start, earliest), KIND_OF_STATUS[status])
        source = weighted(rng, {"register": 45, "self": 45, "employer": 10})
        self.add(
            j, "follow_up", on, j.caseworker, statuses=join_statuses(statuses), reached=True, source=source
        )
