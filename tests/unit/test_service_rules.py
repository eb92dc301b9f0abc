"""Roles everywhere (issue 8): every service function declares who may call it.

The functions are found afresh here (pkgutil + inspect): each public function defined in a
module of clubapp.services whose first parameter is named ``session``. A new one without a
rule fails the first test, which says how to give it one.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import clubapp.services as services
from clubapp.services import permissions
from clubapp.services.errors import NotAllowed
from clubapp.services.permissions import (
    ANY_ROLE,
    BEFORE_SIGN_IN,
    CAPABILITIES,
    INTERNAL,
    ROLE_WORDS,
    Actor,
    let_in,
    roles_for,
    rule_of,
)

CLUBAPP = Path(services.__file__).resolve().parent.parent
ROLES = sorted(ROLE_WORDS)
# The screens shown before anyone has signed in: the sign-in and first-run screen, and
# the main window that opens it (the club's name, the text size last used).
SIGN_IN_SCREENS = ("ui/signin.py", "ui/main_window.py")

HOW_TO_FIX = (
    "put one rule above it, from clubapp.services.permissions: "
    '@allowed("capability", ...) for a service screens call with (session, actor, ...), '
    "choosing the capabilities of the roles that may use it (ANY_ROLE for anyone signed in); "
    "@internal for a building block only other services call; "
    "@before_sign_in for one the sign-in screen calls before anyone has signed in."
)


def _service_functions() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"clubapp.services.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(fn).parameters)
            if parameters and parameters[0] == "session":
                found.append((f"{info.name}.{name}", fn))
    return sorted(found, key=lambda row: row[0])


FUNCTIONS = _service_functions()
ALLOWED = [
    (name, fn)
    for name, fn in FUNCTIONS
    if rule_of(fn) not in (None, (INTERNAL,), (BEFORE_SIGN_IN,))
]


def _marked(rule: str) -> dict[str, Callable[..., Any]]:
    return {name: fn for name, fn in FUNCTIONS if rule_of(fn) == (rule,)}


class _SessionTouched(Exception):
    pass


class StandInSession:
    """Any use of it raises: a refusal must come before the session is touched."""

    def __getattr__(self, name: str) -> Any:
        raise _SessionTouched(name)


def _call(fn: Callable[..., Any], role: str) -> None:
    """Call ``fn`` as someone with ``role``, with None for every argument it needs."""
    parameters = list(inspect.signature(fn).parameters.values())[2:]
    args = [
        None
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    kwargs = {p.name: None for p in parameters if p.kind is p.KEYWORD_ONLY and p.default is p.empty}
    fn(StandInSession(), Actor(user_id=1, name="Someone", role=role), *args, **kwargs)


# ------------------------------------------------------------------- every function


def test_the_services_are_found():
    names = {name for name, _ in FUNCTIONS}
    # One of each kind of rule, and the table in permissions sees the same functions.
    assert {"members.save_person", "books.account_balances", "users.sign_in"} <= names
    assert [name for name, _ in permissions.service_functions()] == sorted(names)


def test_every_service_declares_who_may_call_it():
    missing = [name for name, fn in FUNCTIONS if rule_of(fn) is None]
    assert not missing, "\n".join(
        [f"{len(missing)} service functions declare no rule:", *missing, "For each, " + HOW_TO_FIX]
    )


def test_every_rule_names_known_capabilities():
    unknown = []
    for name, fn in FUNCTIONS:
        rule = rule_of(fn) or ()
        if rule in ((INTERNAL,), (BEFORE_SIGN_IN,), (ANY_ROLE,)):
            continue
        unknown += [f"{name}: {c!r}" for c in rule if c not in CAPABILITIES]
    assert not unknown, "Rules naming capabilities the table does not have:\n" + "\n".join(unknown)


def test_allowed_services_take_the_actor_second():
    wrong = [
        name
        for name, fn in ALLOWED
        if list(inspect.signature(fn).parameters)[:2] != ["session", "actor"]
    ]
    assert not wrong, f"@allowed needs (session, actor, ...): {wrong}"


# ------------------------------------------------------------------- each role


@pytest.mark.parametrize(("name", "fn"), ALLOWED, ids=[name for name, _ in ALLOWED])
def test_roles_are_refused_or_let_in_as_the_rule_says(name, fn):
    rule = rule_of(fn)
    let_in_roles = roles_for(rule)
    assert let_in_roles, f"{name}: its rule lets no role in"
    for role in ROLES:
        if role in let_in_roles:
            let_in(rule, Actor(user_id=1, name="Someone", role=role))
            # Past the gate, the first thing used is the session.
            with pytest.raises(_SessionTouched):
                _call(fn, role)
        else:
            with pytest.raises(NotAllowed) as refused:
                _call(fn, role)
            assert str(refused.value).strip(), f"{name} refuses a {role} without saying why"
    # Someone whose role the table does not know is refused everywhere.
    with pytest.raises(NotAllowed):
        _call(fn, "stranger")


def test_a_refusal_uses_the_first_capabilitys_words():
    rule = ("accounts.keep", "grants.edit")
    with pytest.raises(NotAllowed) as refused:
        let_in(rule, Actor(user_id=1, name="Vera", role="volunteer"))
    with pytest.raises(NotAllowed) as alone:
        permissions.require(Actor(user_id=1, name="Vera", role="volunteer"), "accounts.keep")
    assert str(refused.value) == str(alone.value)


# ------------------------------------------------------------------- who calls what


@functools.cache  # three tests scan the same files: each is read and parsed once a run
def _referenced(path: Path) -> frozenset[tuple[str, str]]:
    """The (module, function) pairs of clubapp.services that a file names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> services module
    names: dict[str, tuple[str, str]] = {}  # local name -> (module, function)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "clubapp.services":
            for alias in node.names:
                modules[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "clubapp.services."
        ):
            module = node.module.rsplit(".", 1)[-1]  # type: ignore[union-attr]
            for alias in node.names:
                names[alias.asname or alias.name] = (module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("clubapp.services.") and alias.asname:
                    modules[alias.asname] = alias.name.rsplit(".", 1)[-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in modules:
                found.add((modules[node.value.id], node.attr))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            dotted = ast.unparse(node.value)
            if dotted.startswith("clubapp.services."):
                found.add((dotted.rsplit(".", 1)[-1], node.attr))
        elif isinstance(node, ast.Name) and node.id in names:
            found.add(names[node.id])
    return frozenset(found)


def _callers(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """ "module.function" -> the files under ``folders`` (of clubapp) that name it."""
    callers: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((CLUBAPP / folder).rglob("*.py")):
            where = path.relative_to(CLUBAPP).as_posix()
            for module, function in _referenced(path):
                callers.setdefault(f"{module}.{function}", set()).add(where)
    return callers


def test_the_scan_finds_what_screens_call():
    callers = _callers(("ui", "cli"))
    assert "ui/pages/person.py" in callers["members.save_person"]
    assert "ui/signin.py" in callers["users.sign_in"]


def test_no_screen_or_command_calls_an_internal_service():
    callers = _callers(("ui", "cli"))
    called = {name: sorted(callers[name]) for name in _marked(INTERNAL) if name in callers}
    assert not called, (
        "These are marked @internal but screens or commands call them: "
        f"{called}. Give the screen a service taking (session, actor, ...) with @allowed."
    )


def test_only_the_sign_in_screens_use_before_sign_in_services():
    callers = _callers(("ui",))
    marked = _marked(BEFORE_SIGN_IN)
    assert marked
    not_used = [name for name in marked if not set(SIGN_IN_SCREENS) & callers.get(name, set())]
    assert not not_used, f"@before_sign_in, but no sign-in screen uses them: {not_used}"
    # And the sign-in screen itself, where no one is signed in, uses nothing else.
    services_called = {name for name, files in callers.items() if "ui/signin.py" in files} & {
        name for name, _ in FUNCTIONS
    }
    assert services_called <= set(marked), sorted(services_called - set(marked))


# ------------------------------------------------------------------- the table


def test_the_rules_table_matches_each_rule():
    rows = dict(permissions.rules_table())
    assert set(rows) == {name for name, _ in FUNCTIONS}
    for name, fn in FUNCTIONS:
        rule = rule_of(fn)
        if rule == (INTERNAL,):
            assert rows[name] == frozenset(), name
        elif rule == (BEFORE_SIGN_IN,):
            assert rows[name] == frozenset(ROLES), name
        else:
            assert rows[name] == roles_for(rule), name


def test_each_roles_share_of_the_table_is_sensible():
    rows = permissions.rules_table()
    callable_by = {role: {name for name, roles in rows if role in roles} for role in ROLES}
    reachable = {name for name, roles in rows if roles}
    # The coordinator may call everything a screen may call.
    assert callable_by["coordinator"] == reachable
    for role in ROLES:
        assert callable_by[role], f"{role} may call no service at all"
        if role != "coordinator":
            assert callable_by[role] < callable_by["coordinator"], role
    # Each role's own work is in its share, and another role's is not.
    assert "books.record_entry" in callable_by["treasurer"]
    assert "books.record_entry" not in callable_by["volunteer"]
    assert "attendance.set_present" in callable_by["volunteer"]
    assert "attendance.set_present" not in callable_by["treasurer"]
    assert "meetings.add_meeting" in callable_by["committee"]
    assert "users.add_user" not in callable_by["committee"]
