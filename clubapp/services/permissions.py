"""Who may do what. Services call `require`; the UI asks `can` only to hide what would fail."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from clubapp.services.errors import NotAllowed

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

P = ParamSpec("P")
R = TypeVar("R")

ROLE_WORDS = {
    "coordinator": "Coordinator",
    "treasurer": "Treasurer",
    "committee": "Committee member",
    "volunteer": "Volunteer",
}

# Each capability lists the roles that have it. The table, row by row.
CAPABILITIES: dict[str, frozenset[str]] = {
    # names, kinds, photos, attendance
    "people.see": frozenset({"coordinator", "treasurer", "committee", "volunteer"}),
    "people.edit": frozenset({"coordinator"}),
    "attendance.see": frozenset({"coordinator", "treasurer", "committee", "volunteer"}),
    "attendance.take": frozenset({"coordinator", "volunteer"}),
    "sessions.manage": frozenset({"coordinator"}),
    # access needs, communication tips
    "needs.see": frozenset({"coordinator", "committee", "volunteer"}),
    "needs.edit": frozenset({"coordinator"}),
    # contact details
    "contacts.see": frozenset({"coordinator"}),
    "contacts.edit": frozenset({"coordinator"}),
    "emergency.see": frozenset({"coordinator", "volunteer"}),
    # The printed list of everyone's emergency contacts leaves the building: coordinator only.
    "emergency.print": frozenset({"coordinator"}),
    # consent records, people's status
    "consent.see": frozenset({"coordinator"}),
    "consent.edit": frozenset({"coordinator"}),
    "status.see": frozenset({"coordinator"}),
    "status.edit": frozenset({"coordinator"}),
    # user accounts and the club's settings
    "users.manage": frozenset({"coordinator"}),
    "settings.edit": frozenset({"coordinator"}),
    "members.import": frozenset({"coordinator"}),
    "members.export": frozenset({"coordinator"}),
    # one-to-one notes: peers and volunteers have conversations too
    "notes.add": frozenset({"coordinator", "committee", "volunteer"}),
    # every note, private ones and the names behind anonymous ones
    "notes.see_all": frozenset({"coordinator"}),
    # notes the member agreed to share with their name
    "notes.see_shared": frozenset({"coordinator", "committee", "volunteer"}),
    "about_me.print": frozenset({"coordinator"}),
    # the committee: who serves, the inbox, meetings, agendas, decisions, minutes
    "committee.see": frozenset({"coordinator", "treasurer", "committee"}),
    "committee.run": frozenset({"coordinator", "committee"}),
    "committee.terms": frozenset({"coordinator"}),
    # votes: volunteers run activity choices at sessions; decisions and elections also
    # need committee.run
    "votes.see": frozenset({"coordinator", "treasurer", "committee", "volunteer"}),
    "votes.run": frozenset({"coordinator", "committee", "volunteer"}),
    # the activities and the programme of sessions
    "programme.see": frozenset({"coordinator", "treasurer", "committee", "volunteer"}),
    "programme.edit": frozenset({"coordinator"}),
    # the treasurer's books: transactions, funds, the bank; the committee sees the
    # printed accounts only
    "accounts.keep": frozenset({"coordinator", "treasurer"}),
    "accounts.print": frozenset({"coordinator", "treasurer", "committee"}),
    # small grants: the coordinator and the treasurer run them; the committee follows them
    "grants.see": frozenset({"coordinator", "treasurer", "committee"}),
    "grants.edit": frozenset({"coordinator", "treasurer"}),
    # volunteers: everyone sees who can do what (without contact details), the club's
    # needs and the rota; the coordinator keeps the register and asks people
    "volunteers.see": frozenset({"coordinator", "treasurer", "committee", "volunteer"}),
    "volunteers.edit": frozenset({"coordinator"}),
    # the ranked list of who could help: the coordinator, and the committee planning
    "volunteers.match": frozenset({"coordinator", "committee"}),
    # whether checks are in date is a trustees' safeguarding duty; the certificate numbers
    # are the coordinator's alone
    "checks.see": frozenset({"coordinator", "committee"}),
    "checks.numbers": frozenset({"coordinator"}),
    # hours given: the coordinator, or the volunteer running a session
    "hours.log": frozenset({"coordinator", "volunteer"}),
    # data protection: the audit log, what the club holds about someone, erasing it,
    # the retention and consent review; the coordinator acts for the club as controller
    "audit.see": frozenset({"coordinator"}),
    "privacy.manage": frozenset({"coordinator"}),
    # the club's privacy notice: everyone may read and print it
    "privacy.notice": frozenset({"coordinator", "treasurer", "committee", "volunteer"}),
    # picture conversations: the topics and their cards are the coordinator's to change
    "conversations.topics": frozenset({"coordinator"}),
}

_REFUSALS = {
    "people.edit": "Only the coordinator can change people's details.",
    "attendance.take": "Only the coordinator or a volunteer can take attendance.",
    "sessions.manage": "Only the coordinator can plan club sessions.",
    "needs.see": "Your role does not show people's access needs.",
    "contacts.see": "Only the coordinator can see people's contact details.",
    "emergency.see": "Only the coordinator or a volunteer can see emergency contacts.",
    "emergency.print": "Only the coordinator can print the emergency contacts list.",
    "consent.see": "Only the coordinator can see consent records.",
    "users.manage": "Only the coordinator can manage who signs in.",
    "settings.edit": "Only the coordinator can change the club's settings.",
    "members.import": "Only the coordinator can import people.",
    "members.export": "Only the coordinator can export people's details.",
    "notes.add": "Your role cannot add one-to-one notes.",
    "notes.see_all": "Only the coordinator can see every note.",
    "notes.see_shared": "Your role does not show one-to-one notes.",
    "about_me.print": "Only the coordinator can print an About me page.",
    "committee.see": "Only the coordinator and the committee can see the committee's business.",
    "committee.run": "Only the coordinator and committee members can change meetings.",
    "committee.terms": "Only the coordinator can change who serves on the committee.",
    "votes.see": "Your role does not show votes.",
    "votes.run": "Only the coordinator, committee members or a volunteer can run a vote.",
    "programme.see": "Your role does not show the programme.",
    "programme.edit": "Only the coordinator can change the activities and the programme.",
    "accounts.keep": "Only the treasurer or the coordinator can see or change the club's books.",
    "accounts.print": "Only the treasurer, the coordinator and the committee see the accounts.",
    "grants.see": "Only the coordinator, the treasurer and the committee see the club's grants.",
    "grants.edit": "Only the coordinator or the treasurer can change the club's grants.",
    "volunteers.see": "Your role does not show people's skills.",
    "volunteers.edit": "Only the coordinator can change skills, checks and the club's needs.",
    "volunteers.match": "Only the coordinator and the committee can see who could help.",
    "checks.see": "Only the coordinator and the committee can see people's checks.",
    "checks.numbers": "Only the coordinator can see certificate numbers.",
    "hours.log": "Only the coordinator or a volunteer can log hours given.",
    "audit.see": "Only the coordinator can read the record of who changed what.",
    "privacy.manage": "Only the coordinator can look after people's data for the club.",
    "conversations.topics": "Only the coordinator can change the picture conversation topics.",
}


@dataclass(frozen=True)
class Actor:
    """Who is doing something: the signed-in user, or the laptop's owner at the command line."""

    user_id: int | None
    name: str
    role: str

    @property
    def role_word(self) -> str:
        return ROLE_WORDS.get(self.role, self.role)


# The command line is run by whoever owns the laptop's account: it acts as coordinator.
COMMAND_LINE = Actor(user_id=None, name="Command line", role="coordinator")


def can(actor: Actor, capability: str) -> bool:
    roles = CAPABILITIES.get(capability)
    if roles is None:
        raise KeyError(f"unknown capability {capability!r}")
    return actor.role in roles


def require(actor: Actor, capability: str) -> None:
    if not can(actor, capability):
        raise NotAllowed(_REFUSALS.get(capability, "Your role cannot do this."))


# --------------------------------------------------------------------------- rules

# Every service function (a public function of clubapp.services taking a Session first)
# declares who may call it, with one of the decorators below; a test enumerates them all,
# so a new function without a rule fails it.
ANY_ROLE = "any role"
"""Anyone signed in, whatever their role (what they see inside may still depend on it)."""
INTERNAL = "internal"
"""A building block other services call inside their own rule; never called by a screen."""
BEFORE_SIGN_IN = "before sign-in"
"""Used by the sign-in screen, before anyone is signed in."""


def roles_for(rule: tuple[str, ...]) -> frozenset[str]:
    """The roles a rule lets in: the union of its capabilities' roles."""
    if rule == (ANY_ROLE,):
        return frozenset(ROLE_WORDS)
    return frozenset().union(*(CAPABILITIES[capability] for capability in rule))


def let_in(rule: tuple[str, ...], actor: Actor) -> None:
    """Refuse an actor the rule does not let in, with the first capability's words."""
    if actor.role in roles_for(rule):
        return
    raise NotAllowed(_REFUSALS.get(rule[0], "Your role cannot do this."))


def allowed(
    *capabilities: str,
) -> Callable[
    [Callable[Concatenate[Session, Actor, P], R]], Callable[Concatenate[Session, Actor, P], R]
]:
    """Declare and enforce who may call a service: the roles holding any of
    ``capabilities`` (or ``ANY_ROLE``). The check runs before the function body.

    A service called by the user (not by another service) also leaves the actor and its
    own name on the session, so the audit log (clubapp.db.audit_trail) knows who did what.
    """
    if not capabilities:
        raise ValueError("allowed() needs at least one capability, or ANY_ROLE")
    for capability in capabilities:
        if capability != ANY_ROLE and capability not in CAPABILITIES:
            raise KeyError(f"unknown capability {capability!r}")
    rule = tuple(capabilities)

    def decorate(
        fn: Callable[Concatenate[Session, Actor, P], R],
    ) -> Callable[Concatenate[Session, Actor, P], R]:
        action = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"

        @functools.wraps(fn)
        def checked(session: Session, actor: Actor, *args: P.args, **kwargs: P.kwargs) -> R:
            let_in(rule, actor)
            info = session.info
            depth = info.get("rule_depth", 0)
            if depth:  # called by another service: the outer one is what the user did
                return fn(session, actor, *args, **kwargs)
            info["actor"], info["action"], info["rule_depth"] = actor, action, 1
            try:
                result = fn(session, actor, *args, **kwargs)
                # Save its changes now, so the audit log names this service as their
                # cause even when another runs next in the same transaction (the demo).
                # A session kept from flushing (bookkeeping on a read-only club) is not.
                if session.autoflush and (session.new or session.dirty or session.deleted):
                    session.flush()
                return result
            finally:
                info["rule_depth"] = 0

        checked.__rule__ = rule  # type: ignore[attr-defined]
        return checked

    return decorate


def _marked(rule: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def mark(fn: Callable[P, R]) -> Callable[P, R]:
        fn.__rule__ = (rule,)  # type: ignore[attr-defined]
        return fn

    return mark


internal = _marked(INTERNAL)
"""Mark a building block that only other services call (see INTERNAL)."""
before_sign_in = _marked(BEFORE_SIGN_IN)
"""Mark a service the sign-in screen uses before anyone is signed in."""


def rule_of(fn: Any) -> tuple[str, ...] | None:
    """The rule a service function declared, or None if it declared none."""
    return getattr(fn, "__rule__", None)


def service_functions() -> list[tuple[str, Callable[..., Any]]]:
    """Every service function, as ("module.function", function) in name order: each public
    function defined in a module of clubapp.services whose first parameter is the session."""
    import importlib
    import inspect
    import pkgutil

    import clubapp.services as services

    found: list[tuple[str, Callable[..., Any]]] = []
    for info in sorted(pkgutil.iter_modules(services.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{services.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            if list(inspect.signature(fn).parameters)[:1] == ["session"]:
                found.append((f"{info.name}.{name}", fn))
    return sorted(found, key=lambda row: row[0])


def rules_table() -> list[tuple[str, frozenset[str]]]:
    """Who may call each service, as ("module.function", roles) rows in name order.

    The roles are those an @allowed rule lets in; every role for @before_sign_in (the
    sign-in screen calls it for anyone); none for @internal (only other services call it,
    inside their own rule) or for a function that declares no rule.
    """
    rows: list[tuple[str, frozenset[str]]] = []
    for name, fn in service_functions():
        rule = rule_of(fn)
        if rule == (BEFORE_SIGN_IN,):
            roles = frozenset(ROLE_WORDS)
        elif rule is None or rule == (INTERNAL,):
            roles = frozenset()
        else:
            roles = roles_for(rule)
        rows.append((name, roles))
    return rows
