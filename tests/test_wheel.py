"""The installed app is complete: a wheel built from this tree, installed in a fresh virtual
environment, can make the demo club and check its database (so the migrations, fonts and
other resources are packaged, not only present in the repository)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **kwargs
    )


@pytest.mark.slow
def test_wheel_installs_and_runs_from_a_fresh_environment(tmp_path):
    """Build, install into a new venv, then `clubapp demo` and `clubapp db check` work there."""
    # Build from a clean copy, so nothing left over in this checkout can slip in.
    source = tmp_path / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "_bundled"
        ),
    )
    dist = tmp_path / "dist"
    built = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        dist,
        source,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("clubapp-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "clubapp/_bundled/resources/fonts/AtkinsonHyperlegible-Regular.ttf",
        "clubapp/_bundled/resources/stylesheets/app.qss",
        "clubapp/_bundled/alembic/env.py",
        "clubapp/_bundled/alembic/versions/0001_foundation.py",
        "clubapp/_bundled/alembic/versions/0002_notes_committee.py",
        "clubapp/_bundled/resources/stylesheets/pictures/tick.png",
    ):
        assert needed in names, f"{needed} is missing from the wheel"

    venv = tmp_path / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    installed = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        wheel,
    )
    assert installed.returncode == 0, installed.stderr

    # The dependencies come from this environment's site-packages (on PYTHONPATH, whose
    # .pth files are not read, so the editable clubapp of this checkout stays out).
    env = dict(os.environ, PYTHONPATH=sysconfig.get_paths()["purelib"], QT_QPA_PLATFORM="offscreen")
    env.pop("CLUBAPP_DB", None)
    env["CLUBAPP_DATA_DIR"] = str(tmp_path / "data")
    where = run(
        python,
        "-c",
        "import clubapp, clubapp.paths as p; print(clubapp.__file__); print(p.migrations_dir())",
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    module_file, migrations = where.stdout.splitlines()
    assert Path(module_file).is_relative_to(venv)
    assert Path(migrations).is_relative_to(venv)

    db = tmp_path / "club.sqlite3"
    demo = run(bin_dir / "clubapp", "--db", db, "demo", cwd=tmp_path, env=env)
    assert demo.returncode == 0, demo.stderr
    assert "Sign in as:" in demo.stdout
    check = run(bin_dir / "clubapp", "--db", db, "db", "check", cwd=tmp_path, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "whole" in check.stdout
    fonts = run(
        python,
        "-c",
        "from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from clubapp.ui import theme; print(theme.load_fonts())",
        cwd=tmp_path,
        env=env,
    )
    assert fonts.returncode == 0, fonts.stderr
    assert fonts.stdout.strip().endswith("Atkinson Hyperlegible")
