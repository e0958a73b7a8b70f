"""The journey planner: turns a programme's flow profile (data) into valid journeys.

Pure Python, no database: the plan is built from codes (programme, stage, measure, organisation,
username) and dates only, so the same seed gives the same plan. The planner follows the rules the
bulk path checks (``journeys.rules``): the state machine, stage rules (age, unemployment, maximum
duration, extension, next stages), measure periods and capacity (it tracks the occupancy of every
measure day by day), and nothing after the demo's end date.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from stufenweg.core.time import add_months, age_on
from stufenweg.demo.catalogue.common import EMPLOYERS
from stufenweg.demo.names import EXTENSION_REASONS, INTERRUPTION_REASONS, REASON_CODES
from stufenweg.demo.outcomes import OutcomeMixin
from stufenweg.demo.plan import DAY, Draft, Occupancy, PEvent, PJourney, Plan
from stufenweg.demo.population import PersonFactory, PlannedHousehold, PlannedPerson, weighted

__all__ = ["Occupancy", "PEvent", "PJourney", "Plan", "Planner"]


class Planner(OutcomeMixin):
    def __init__(
        self, ctx, definition: dict, factory: PersonFactory, occupancy: Occupancy, rng: random.Random
    ):
        self.ctx = ctx
        self.d = definition
        self.code = definition["code"]
        self.flow = definition["flow"]
        self.factory = factory
        self.occupancy = occupancy
        self.rng = rng
        self.end = ctx.end
        self.stage_rules = {s["code"]: s for s in definition["stages"]}
        self.measures = [
            {**m, "places": max(4, math.ceil(m["places"] * ctx.scale))} for m in definition["measures"]
        ]
        self.employers: dict[str, list[str]] = {}
        for code, _name, region in EMPLOYERS:
            self.employers.setdefault(region, []).append(code)

    # --- helpers --------------------------------------------------------------------------------

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def staff(self, org_code: str) -> str:
        return self.rng.choice(self.ctx.staff[org_code])

    def employer(self, region: str) -> str:
        pool = self.employers.get(region) or [code for code, _n, _r in EMPLOYERS]
        return self.rng.choice(pool)

    def add(self, j: Draft, kind: str, on: dt.date, by: str, **fields) -> None:
        if "measure" not in fields:  # the participation's region, as the web records it (journeys.regions)
            fields.setdefault("region", j.region)
        j.events.append(PEvent(kind=kind, on=on, by=by, fields=fields))

    def eligible(self, j: Draft, stage: str, on: dt.date) -> bool:
        rule = self.stage_rules[stage]
        age = age_on(j.person.birth_date, on)
        if rule.get("min_age") is not None and age < rule["min_age"]:
            return False
        if rule.get("max_age") is not None and age > rule["max_age"]:
            return False
        months = rule.get("min_unemployed_months")
        if months and (
            j.person.unemployed_since is None or add_months(j.person.unemployed_since, months) > on
        ):
            return False
        return any(stage in m["stages"] and m["region"] == j.region for m in self.measures)

    # --- the plan ---------------------------------------------------------------------------------

    def plan(self, out: Plan) -> None:
        flow, rng = self.flow, self.rng
        count = self.ctx.scaled(flow["persons"], minimum=4)
        first, last = flow["referrals"]
        span = (last - first).days
        starts = sorted(
            (first + dt.timedelta(days=rng.randint(0, span)), weighted(rng, flow["regions"]))
            for _ in range(count)
        )
        households = flow.get("households")
        for index, (on, region) in enumerate(starts):
            if households:
                self._household(out, index, on, region, households)
            else:
                person = self.factory.adult(
                    flow["population"], region, on, min_unemployed_months=self._min_unemployed()
                )
                out.persons.append(person)
                out.journeys.append(self._journey(person, region, on)[0])

    def _min_unemployed(self) -> int | None:
        first = [self.stage_rules[s].get("min_unemployed_months") for s in self.flow["first_stage"]]
        return max((m for m in first if m), default=None)

    def _household(self, out: Plan, index: int, on: dt.date, region: str, spec: dict) -> None:
        rng, flow = self.rng, self.flow
        household_id = f"{self.code}-BG-{index + 1:05d}"
        applicant = self.factory.adult(
            flow["population"], region, on, min_unemployed_months=self._min_unemployed()
        )
        applicant.household_id, applicant.household_role = household_id, "applicant"
        members = [applicant]
        participants = [applicant]
        if rng.random() < spec["partner"]:
            partner = self.factory.adult(
                flow["population"],
                region,
                on,
                gender="m" if applicant.gender == "f" else "f",
                nationality=applicant.nationality,
                last_name=applicant.last_name if rng.random() < 0.7 else None,
                postcode=applicant.postcode,
                rural=applicant.rural,
            )
            partner.household_id, partner.household_role = household_id, "partner"
            applicant.single_parent = partner.single_parent = False
            members.append(partner)
            if rng.random() < spec["partner_participates"]:
                participants.append(partner)
        children = weighted(rng, dict(enumerate(spec["children"])))
        for _ in range(children):
            child = self.factory.child(applicant, on)
            child.household_id, child.household_role = household_id, "child"
            members.append(child)
        out.persons.extend(members)
        household = PlannedHousehold(
            household_id=household_id,
            member_ids=[m.person_id for m in members],
            adults=len(members) - children,
            children=children,
            first_month=add_months(on.replace(day=1), -rng.randint(6, 24)),
        )
        for offset, person in enumerate(participants):
            journey, j = self._journey(person, region, on + dt.timedelta(days=offset * rng.randint(0, 10)))
            out.journeys.append(journey)
            household.spells.extend((s[0], s[1], s[2]) for s in j.spells)
        out.households.append(household)

    def _journey(self, person: PlannedPerson, region: str, on: dt.date) -> tuple[PJourney, Draft]:
        flow, rng = self.flow, self.rng
        caseworker = self.staff(rng.choice(flow["caseworkers"][region]))
        j = Draft(person=person, region=region, caseworker=caseworker)
        self._refer(j, on)
        if rng.random() < flow["not_arrived"]:
            self.add(j, "not_arrived", on + self.days(14, 42), caseworker)
        else:
            t = on + self.days(*flow["assessment"]["days"])
            self.add(j, "assessment_start", t, caseworker, region=region)
            exited = self._episode(j, t, via_assessment=True)
            if exited is not None:
                self._after_exit(j, exited, reentries=1)
        journey = PJourney(person_id=person.person_id, programme=self.code, caseworker=caseworker)
        journey.events = self._finish(j)
        return journey, j

    def _refer(self, j: Draft, on: dt.date) -> None:
        referrer = self.rng.choice(self.flow["referrers"][j.region])
        self.add(j, "referral", on, self.staff(referrer), region=j.region, referrer=referrer)

    def _finish(self, j: Draft) -> list[PEvent]:
        """Order by date (stable), drop what lies after the demo's end, give keys and recording times."""
        kept = [e for e in sorted(j.events, key=lambda e: e.on) if e.on <= self.end]
        previous = None
        for index, event in enumerate(kept, start=1):
            event.key = f"{j.person.person_id}-{self.code}-{index:03d}"
            hour = self.rng.randint(8, 16)
            recorded = dt.datetime.combine(event.on + self.days(0, 6), dt.time(hour, self.rng.randint(0, 59)))
            if previous is not None and recorded <= previous:
                recorded = previous + dt.timedelta(minutes=self.rng.randint(1, 30))
            event.recorded_at = previous = recorded
        return kept

    # --- assessment, entry, stages -----------------------------------------------------------------

    def _first_stage(self, j: Draft, on: dt.date) -> str | None:
        options = {s: w for s, w in self.flow["first_stage"].items() if self.eligible(j, s, on + 60 * DAY)}
        options = {s: w for s, w in options.items() if self.eligible(j, s, on)} or options
        return weighted(self.rng, options) if options else None

    def _episode(self, j: Draft, t: dt.date, *, via_assessment: bool) -> dt.date | None:
        """From assessment start (or reactivation) to the final exit date (None: no exit)."""
        rng, a = self.rng, self.flow["assessment"]
        stage = self._first_stage(j, t)
        if via_assessment:
            t = t + self.days(*a["result_days"])
            r = rng.random()
            if stage is None or r < a["not_suitable"]:
                self.add(j, "assessment_result", t, j.caseworker, result="not_suitable")
                return None
            self.add(j, "assessment_result", t, j.caseworker, result="suitable", stage=stage)
            r -= a["not_suitable"]
            if r < a["job"]:
                self._job_start(j, t + self.days(3, 30), "svb")
                return None
            if r - a["job"] < a["withdrawn"]:
                return None
        elif stage is None:
            return None
        waiting = False
        entry = t + self.days(5, 30)
        if rng.random() < a["waitlist"]:
            self.add(j, "waitlist", t + self.days(1, 5), j.caseworker, stage=stage)
            waiting = True
            entry = t + self.days(*a["wait_days"])
        for _attempt in range(5):
            if entry > self.end or not self.eligible(j, stage, entry):
                return None
            result = self._stage(j, stage, entry, change=None, previous=None)
            if result != "full":
                return result
            if not waiting:
                self.add(j, "waitlist", entry, j.caseworker, stage=stage)
                waiting = True
            entry = entry + self.days(21, 60)
        return None

    def _stage(self, j, stage: str, entry: dt.date, *, change: str | None, previous: str | None):
        """Plan one enrolment; returns the final exit date, None (still open), or "full"."""
        if entry > self.end:
            return None
        rng = self.rng
        spec = self.flow["stages"][stage]
        rule = self.stage_rules[stage]
        max_months = rule.get("max_months") or 36
        outcome = spec["outcomes"][weighted(rng, {i: o["w"] for i, o in enumerate(spec["outcomes"])})]
        months = min(rng.randint(*spec["months"]), max_months)
        ext_low, ext_high = spec.get("extension_months", (1, 3))
        extend = rule.get("extendable", True) and rng.random() < spec.get("extension", 0)
        if extend and max_months - ext_low >= 1:
            months = min(months, max_months - ext_low)
        else:
            extend = False
        planned_end = add_months(entry, months) - DAY
        span = max(1, (planned_end - entry).days)
        final_end = planned_end
        extension_on = None
        if extend:
            extension_on = planned_end - self.days(7, 30)
            new_end = min(
                add_months(entry, max_months) - DAY, add_months(planned_end, rng.randint(ext_low, ext_high))
            )
            if new_end > planned_end and extension_on > entry:
                final_end = new_end
            else:
                extension_on = None
        if outcome["at"] == "end":
            out_on = final_end - self.days(0, 5)
        else:
            low, high = outcome["at"]
            out_on = entry + dt.timedelta(days=round(span * rng.uniform(low, high)))
        out_on = max(out_on, entry + DAY)
        if extension_on is not None and extension_on >= out_on:
            extension_on = None

        target = None
        if "change" in outcome:
            options = {s: w for s, w in outcome["change"].items() if self.eligible(j, s, out_on)}
            target = weighted(rng, options) if options else None
            if target is None:  # no eligible next stage (age, unemployment, no measure): exit instead
                kept = {key: outcome[key] for key in ("job", "qualification") if key in outcome}
                statuses = {"current": 100} if outcome.get("job") else {"job_seeking": 60, "education": 40}
                outcome = {"exit": "regular", "statuses": statuses, **kept}

        stop = out_on
        if out_on >= self.ctx.activity_from:
            stop = None  # may be recorded later through the services: keep the place until then
        measure = self._measure(j, stage, entry, stop, previous)
        if measure is None:
            return "full"
        self.occupancy.take(measure["code"], entry, stop)
        provider_staff = self.staff(measure["provider"])

        fields = {"measure": measure["code"], "stage": stage, "planned_end": planned_end}
        if change is None:
            self.add(j, "entry", entry, provider_staff, **fields, **self._entry_status(j, rule))
        else:
            extra = {}
            if rule.get("min_unemployed_months"):
                extra["unemployed_since"] = j.person.unemployed_since
            self.add(j, "stage_change", entry, provider_staff, change=change, **fields, **extra)
        if spec.get("job_at_entry"):
            job = spec["job_at_entry"]
            self._job_start(j, entry, job["kind"], by=provider_staff, hours=job.get("hours"))

        if rng.random() < spec.get("interruption", 0) and span > 60:
            paused = entry + dt.timedelta(days=round(span * rng.uniform(0.2, 0.5)))
            resumed = paused + self.days(14, 60)
            if resumed < out_on - 3 * DAY and (extension_on is None or not paused <= extension_on <= resumed):
                reason = rng.choice(INTERRUPTION_REASONS)
                self.add(j, "interruption", paused, provider_staff, reason=reason)
                self.add(j, "resumption", resumed, provider_staff)
        internship = spec.get("internship")
        if internship and rng.random() < internship["share"] and (out_on - entry).days > 28:
            for _ in range(rng.randint(*internship["count"])):
                start = entry + self.days(14, max(14, (out_on - entry).days - 14))
                self.add(
                    j,
                    "internship",
                    start,
                    provider_staff,
                    employer=self.employer(j.region),
                    end_date=min(start + self.days(13, 41), max(out_on, start)),
                    first_labour_market=rng.random() < internship["first_labour_market"],
                )
        if extension_on is not None:
            reason = rng.choice(EXTENSION_REASONS)
            self.add(
                j,
                "extension",
                extension_on,
                provider_staff,
                planned_end=final_end,
                reason=reason,
                reason_code=REASON_CODES["extension"][reason],
            )

        if outcome.get("job"):
            self._job_start(j, out_on - self.days(0, 10) if out_on - entry > 10 * DAY else out_on, outcome["job"]["kind"],
                            by=provider_staff)  # fmt: skip
        if target is not None:
            kind = "planned" if outcome.get("planned", True) else "unplanned"
            if outcome.get("qualification"):
                self.add(j, "qualification", out_on, provider_staff, reason=outcome["qualification"])
            result = self._stage(j, target, out_on, change=kind, previous=measure["code"])
            if result != "full":
                return result
            outcome = {"exit": "regular", "statuses": {"education": 100}}
        return self._exit(j, outcome, out_on, provider_staff, stage)

    def _measure(self, j, stage, entry, stop, previous) -> dict | None:
        candidates = [
            m
            for m in self.measures
            if stage in m["stages"] and m["region"] == j.region and m["start"] <= entry <= (m["end"] or entry)
        ]
        self.rng.shuffle(candidates)
        candidates.sort(key=lambda m: m["code"] != previous)
        for m in candidates:
            if self.occupancy.fits(m["code"], m["places"], entry, stop):
                return m
        return None

    def _entry_status(self, j: Draft, rule: dict) -> dict:
        r = self.rng.random()
        if rule.get("min_unemployed_months") or r < 0.9:
            status = {"employment_status": "unemployed", "unemployed_since": j.person.unemployed_since}
        elif r < 0.98:
            status = {"employment_status": "inactive"}
        else:
            status = {"employment_status": "employed"}
        r = self.rng.random()
        status["benefit"] = "sgb2" if r < 0.88 else "sgb3" if r < 0.97 else "none"
        return status
