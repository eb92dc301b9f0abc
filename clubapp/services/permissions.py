"""Who may do what. Services call `require`; the UI asks `can` only to hide what would fail."""

from __future__ import annotations

from dataclasses import dataclass

from clubapp.services.errors import NotAllowed

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
