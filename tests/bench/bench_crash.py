"""How the club's database stands up to being killed in the middle of its work.

    .venv/bin/python tests/bench/bench_crash.py [--kills 1000] [--seed N]

Builds the small demo club in a temporary folder and runs the crash harness on it
(tests/crash/harness.py): a writer process does real user actions (payments and receipts
in parts, changes, transfers, notes, attendance, votes) and is killed with SIGKILL at a
random moment, again and again, each time on the database the last kill left; after
every kill the file is checked whole, every rule of the books and the votes is checked,
and what the writer reported saved is looked up. A failed check stops the run with the
seed to replay it. Prints the figures: kills, actions committed, where the kills
landed, and the time a kill takes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

# The fork server imports this script too: nothing but definitions above the main guard.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    from tests.crash.harness import CrashHarness, make_club, seed_from_environment

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else seed_from_environment()

    folder = Path(tempfile.mkdtemp(prefix="clubapp-bench-crash-"))
    path = folder / "club.sqlite3"
    began = time.perf_counter()
    make_club(path)
    print(f"the small demo club built in {time.perf_counter() - began:.1f} s")

    def progress(done: int) -> None:
        if done % 100 == 0:
            print(f"  {done} kills, {time.perf_counter() - began:.0f} s", flush=True)

    harness = CrashHarness(path, seed)
    figures = harness.run(args.kills, progress)
    print("\n".join(figures.lines()))
    print(
        f"the database and its log now: {_size(path)} and {_size(path.with_name(path.name + '-wal'))}"
    )
    print(f"the writer's things checked after the last kill: {len(harness.model)}")


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB" if path.exists() else "none"


if __name__ == "__main__":
    main()
