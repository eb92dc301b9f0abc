"""How quickly the volunteers' services answer on the large demo club.

    .venv/bin/python tests/bench/bench_volunteers.py [--profile]

Builds the large demo club (5,000 people, thousands of them with skills, free times and
checks, two years of past needs and a year of hours) in a temporary folder, or reuses
the one an earlier run built today from the same demo code, and works on a copy of it.
Then measures:
  - matching one need against the 5,000 people (target <= 100 ms): a need with no must
    skill (the widest pool: everyone who offered something), and one with a must skill
    and a DBS check; and a weekly need with a must and a nice-to-have skill;
  - the checks due list, the skills directory (everyone, and one skill), the hours
    totals for a year, the month's rota, and the list of open needs.
Prints medians and ranges, and each against its target; asserts nothing (figures, not
pass or fail). With --profile it also prints where matching's time goes.
"""

from __future__ import annotations

import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from large_demo import cached_demo  # beside this script
from timing import say, timed  # beside this script

MATCH_TARGET_MS = 100


def main() -> None:
    from sqlalchemy import func, select

    from clubapp.db.database import open_database
    from clubapp.models.members import Person
    from clubapp.models.volunteers import Availability, PersonCheck, PersonSkill, Skill
    from clubapp.services import checks, matching, needs, skills, volunteer_hours
    from clubapp.services.needs import NeedInput
    from clubapp.services.permissions import COMMAND_LINE as coordinator

    profiling = "--profile" in sys.argv[1:]
    today = date.today()  # the demo's votes need their meetings in the past
    work = Path(tempfile.mkdtemp(prefix="clubapp-bench-")) / "large.sqlite3"
    shutil.copyfile(cached_demo(today), work)
    db = open_database(work)

    with db.transaction() as s:
        people = s.scalar(select(func.count()).select_from(Person)) or 0
        active = s.scalar(select(func.count()).where(Person.status == "active")) or 0
        with_skills = s.scalar(select(func.count(func.distinct(PersonSkill.person_id)))) or 0
        with_times = s.scalar(select(func.count(func.distinct(Availability.person_id)))) or 0
        with_checks = s.scalar(select(func.count(func.distinct(PersonCheck.person_id)))) or 0
        skill = {name: sid for name, sid in s.execute(select(Skill.name, Skill.id))}
    print(
        f"people: {people:,} ({active:,} still with the club); {with_skills:,} with skills, "
        f"{with_times:,} with free times, {with_checks:,} with checks"
    )

    wednesday = today + timedelta(days=(2 - today.weekday()) % 7 or 7)
    made = {
        "no must skill (the widest pool)": NeedInput(
            "Set out the chairs", "session", "date", on_date=wednesday, part="morning",
            people_wanted=3, nice_skills=(skill["Active listening"],),
        ),
        "a must skill and a DBS": NeedInput(
            "A befriending visit", "job", "date", on_date=today + timedelta(days=6),
            part="afternoon", must_skills=(skill["Befriending"],), checks=("dbs",),
        ),
        "weekly, a must and a nice-to-have skill": NeedInput(
            "Drive members to Friday Club", "session", "weekly", weekday=4, part="morning",
            people_wanted=2, must_skills=(skill["Driving"],), nice_skills=(skill["First aid"],),
            checks=("insurance",),
        ),
    }  # fmt: skip
    need_ids = {what: db.run(needs.add_need, coordinator, data) for what, data in made.items()}

    for what, need_id in need_ids.items():
        times, found = timed(lambda n=need_id: db.run(matching.match, coordinator, n, today))
        assert isinstance(found, matching.MatchList)
        say(
            f"match a need, {what}",
            times,
            MATCH_TARGET_MS,
            f"{found.considered:,} considered, {len(found.ranked):,} ranked, "
            f"{len(found.missing_checks):,} held back by a check",
        )

    times, due = timed(lambda: db.run(checks.checks_due, coordinator, today))
    say("checks due", times, extra=f"{len(due):,} checks")  # type: ignore[arg-type]
    times, everyone = timed(lambda: db.run(skills.directory, coordinator))
    say("skills directory, everyone", times, extra=f"{len(everyone):,} people")  # type: ignore[arg-type]
    times, drivers = timed(lambda: db.run(skills.directory, coordinator, skill["Driving"]))
    say("skills directory, one skill", times, extra=f"{len(drivers):,} people")  # type: ignore[arg-type]
    times, list_ = timed(lambda: db.run(skills.skills, coordinator))
    say("the skills list with its counts", times, extra=f"{len(list_):,} skills")  # type: ignore[arg-type]
    year_ago = today - timedelta(days=365)
    times, totals = timed(lambda: db.run(volunteer_hours.totals, coordinator, year_ago, today))
    assert isinstance(totals, volunteer_hours.Totals)
    say(
        "hours totals for a year",
        times,
        extra=f"{totals.minutes // 60:,} hours by {len(totals.by_person):,} people",
    )
    times, log = timed(lambda: db.run(volunteer_hours.hours_log, coordinator, year_ago, today))
    say("hours log for a year", times, extra=f"{len(log):,} entries")  # type: ignore[arg-type]
    times, rota = timed(lambda: db.run(needs.rota, coordinator, today.year, today.month))
    assert isinstance(rota, needs.Rota)
    say("the month's rota", times, extra=f"{len(rota.lines):,} lines")
    times, open_needs = timed(lambda: db.run(needs.needs, coordinator, today))
    say("open and filled needs", times, extra=f"{len(open_needs):,} needs")  # type: ignore[arg-type]
    times, done = timed(lambda: db.run(needs.needs, coordinator, today, statuses=("done",)))
    say("done needs", times, extra=f"{len(done):,} needs")  # type: ignore[arg-type]

    if profiling:
        for what, need_id in need_ids.items():
            profiler = cProfile.Profile()
            profiler.enable()
            db.run(matching.match, coordinator, need_id, today)
            profiler.disable()
            print(f"\n--- where matching's time goes: {what} ---")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(15)
    db.close()
    shutil.rmtree(work.parent, ignore_errors=True)
    small_demo_steps(today)


def small_demo_steps(today: date) -> None:
    """How long each extra step of the small demo takes: the GUI tests build the small
    demo many times, so these add up (a figure, not a test that can flake)."""
    from clubapp import demo
    from clubapp.db.database import open_database

    took: dict[str, list[float]] = {}

    def timed_step(step: Callable[..., None]) -> Callable[..., None]:
        def run(ctx: object) -> None:
            started = time.perf_counter()
            step(ctx)
            took.setdefault(step.__name__.strip("_"), []).append(time.perf_counter() - started)

        return run

    steps = list(demo.EXTRA_STEPS)
    demo.EXTRA_STEPS[:] = [timed_step(step) for step in steps]
    try:
        for run in range(5):
            folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-small-"))
            db = open_database(folder / "small.sqlite3")
            demo.build_demo(db, today=today, seed=2026 + run)
            db.close()
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        demo.EXTRA_STEPS[:] = steps
    for name, times in took.items():
        print(f"small demo step {name}: median {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
