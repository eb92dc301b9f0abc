"""The core (db, models, services, printing) never imports Qt; the command starts light."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

CORE_PACKAGES = ("clubapp.db", "clubapp.models", "clubapp.services", "clubapp.printing")


def core_modules() -> list[str]:
    names = []
    for package in CORE_PACKAGES:
        module = __import__(package, fromlist=["__path__"])
        names.append(package)
        names += [
            info.name for info in pkgutil.walk_packages(module.__path__, prefix=package + ".")
        ]
    return sorted(names)


def modules_after_import(*modules: str) -> set[str]:
    """Import the modules in a fresh interpreter and return every module it then has loaded."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_the_core_module_list_is_complete():
    """The walk finds the modules these tests are about (so an empty list cannot pass)."""
    modules = core_modules()
    for expected in (
        "clubapp.db.migrate",
        "clubapp.models.members",
        "clubapp.services.members",
        "clubapp.services.users",
        "clubapp.printing.members",
    ):
        assert expected in modules


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_core_packages_do_not_import_qt(package):
    """Importing every module of the package leaves PySide6 (and shiboken) unloaded."""
    modules = [m for m in core_modules() if m == package or m.startswith(package + ".")]
    loaded = modules_after_import(*modules)
    assert set(modules) <= loaded
    assert not {"PySide6", "shiboken6"} & roots(loaded)


def test_the_check_would_see_qt():
    """Sanity: the same check does see PySide6 when a Qt module is imported."""
    assert "PySide6" in roots(modules_after_import("clubapp.ui.theme"))


def test_the_command_starts_without_heavy_imports():
    """Importing clubapp.cli and building its parser loads no Alembic, ReportLab or Qt."""
    code = (
        "import json, sys\n"
        "import clubapp.cli\n"
        "clubapp.cli.build_parser()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = roots(set(json.loads(result.stdout)))
    assert "clubapp" in loaded
    assert not {"alembic", "reportlab", "PySide6"} & loaded
