"""Who may do what: the one table of actions and the roles allowed each, enforced by storage.

Every write opens `Store.write(actor, action)`, which looks the actor's role up in the database (not
in what the caller claims) and refuses an action the role does not allow, so the window cannot
bypass this table. Signing is further limited in `Transaction.sign`: an administrator or a
command-line (operating-system) user never signs a clinical record.

| action                | investigator | pharmacist | research nurse | administrator |
|-----------------------|:---:|:---:|:---:|:---:|
| patient.create/edit   |  ✓  |     |  ✓  |     |
| labs.record           |  ✓  |     |  ✓  |     |
| body.record           |  ✓  |     |  ✓  |     |
| assessment.save       |  ✓  |     |  ✓  |     |
| assessment.sign       |  ✓  |     |     |     |
| assessment.amend      |  ✓  |     |     |     |  (a signed one: re-open, or change with a new signature)
| dose.prescribe        |  ✓  |     |     |     |  (a new order, or one replacing the live order: signed)
| dose.verify           |  ✓  |  ✓  |     |     |  (never the prescriber; out of tolerance: pharmacist)
| dose.cancel           |  ✓  |  ✓  |     |     |
| treatment.plan/record |  ✓  |     |  ✓  |     |
| treatment.discontinue |  ✓  |     |     |     |  (discontinue or suspend, signed; dismiss a stop proposal)
| treatment.lift_suspension | ✓ |   |     |     |  (with a reason, signed)
| stop.propose          |  ✓  |     |  ✓  |     |  (raise a stop-rule proposal; also raised by the app)
| infusion.record       |  ✓  |     |  ✓  |     |  (cell product, start, end)
| vitals.record         |  ✓  |     |  ✓  |     |  (a set; a correction needs a reason)
| vitals.acknowledge    |  ✓  |     |  ✓  |     |  (a critical alert, by a named user)
| ae.record             |  ✓  |     |  ✓  |     |  (log and edit AEs; accept/dismiss proposals)
| ae.judge              |  ✓  |     |     |     |  (seriousness, ICH E2A criteria, relatedness)
| ae.report             |  ✓  |     |     |     |  (the prompt report to the CRM and the MHLW was made)
| settings.change       |     |     |     |  ✓  |
| users.manage          |     |     |     |  ✓  |
| audit.accept_anchor   |     |     |     |  ✓  |
| draft.discard         |  ✓  |  ✓  |  ✓  |     |  (throw away what was typed and not saved, with a reason)
| session.*             |  ✓  |  ✓  |  ✓  |  ✓  |  (sign-in bookkeeping, own password, own language)
"""
from __future__ import annotations

from nkdesk.domain import Actor, Role
from nkdesk.storage.errors import PermissionDenied

INV, PHA, NUR, ADM = Role.INVESTIGATOR, Role.PHARMACIST, Role.RESEARCH_NURSE, Role.ADMINISTRATOR
EVERYONE = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    "patient.create": frozenset({INV, NUR}),
    "patient.edit": frozenset({INV, NUR}),
    "labs.record": frozenset({INV, NUR}),
    "body.record": frozenset({INV, NUR}),
    "assessment.save": frozenset({INV, NUR}),
    "assessment.sign": frozenset({INV}),
    "assessment.amend": frozenset({INV}),
    "dose.prescribe": frozenset({INV}),
    "dose.verify": frozenset({INV, PHA}),
    "dose.cancel": frozenset({INV, PHA}),
    "treatment.plan": frozenset({INV, NUR}),
    "treatment.record": frozenset({INV, NUR}),
    "treatment.discontinue": frozenset({INV}),
    "treatment.lift_suspension": frozenset({INV}),
    "stop.propose": frozenset({INV, NUR}),
    "infusion.record": frozenset({INV, NUR}),
    "vitals.record": frozenset({INV, NUR}),
    "vitals.acknowledge": frozenset({INV, NUR}),
    "ae.record": frozenset({INV, NUR}),
    "ae.judge": frozenset({INV}),
    "ae.report": frozenset({INV}),
    "settings.change": frozenset({ADM}),
    "users.manage": frozenset({ADM}),
    "audit.accept_anchor": frozenset({ADM}),
    "draft.discard": frozenset({INV, NUR, PHA}),
    "session.sign_in": EVERYONE,
    "session.password": EVERYONE,
    "session.preferences": EVERYONE,
}

# What the operating-system user of a command-line run may write: the first administrator of an
# empty database, and the record of a restore. Nothing clinical (cli-contract.md, Data commands).
OS_ACTIONS = frozenset({"users.bootstrap", "database.restore"})

# Roles whose signature a clinical record may carry.
SIGNING_ROLES = frozenset({INV, PHA})


# What each action is, in words for the message a refused user reads.
ACTION_WORDS = {
    "patient.create": "register patients", "patient.edit": "edit patient details",
    "labs.record": "record laboratory results", "body.record": "record height and weight",
    "assessment.save": "save eligibility assessments", "assessment.sign": "sign eligibility assessments",
    "assessment.amend": "change a signed eligibility assessment",
    "dose.prescribe": "prescribe dose orders", "dose.verify": "verify dose orders", "dose.cancel": "cancel dose orders",
    "treatment.plan": "plan treatment cycles", "treatment.record": "record treatment events",
    "treatment.discontinue": "discontinue or suspend treatment", "settings.change": "change site settings",
    "users.manage": "manage user accounts", "audit.accept_anchor": "accept an audit anchor",
    "treatment.lift_suspension": "lift a suspension", "stop.propose": "propose stopping treatment",
    "infusion.record": "record infusions", "vitals.record": "record vital signs",
    "vitals.acknowledge": "acknowledge vital-sign alerts", "ae.record": "record adverse events",
    "ae.judge": "judge adverse-event seriousness and relatedness", "ae.report": "record prompt reports",
    "draft.discard": "discard unsaved drafts", "session.preferences": "choose their own language",
}


def allowed(action: str, role: Role | None) -> bool:
    if action not in PERMISSIONS and action not in OS_ACTIONS:
        raise KeyError(f"unknown action '{action}'")
    if role is None:
        return action in OS_ACTIONS
    return role in PERMISSIONS.get(action, frozenset())


def require(action: str, actor: Actor, role: Role | None) -> None:
    """Raise PermissionDenied unless `role` (as stored for `actor`) may perform `action`."""
    if not allowed(action, role):
        who = f"{actor.username} (operating-system user)" if role is None else f"{actor.username} ({role.label})"
        roles = sorted(r.label for r in PERMISSIONS.get(action, ()))
        only = (f"only {' or '.join('an ' + r if r[0] in 'aeiou' else 'a ' + r for r in roles)} may" if roles
                else "no role may")
        raise PermissionDenied(f"{who} may not {ACTION_WORDS.get(action, action)}: {only}",
                               action=action, role=role.value if role else None, username=actor.username,
                               allowed=tuple(sorted(r.value for r in PERMISSIONS.get(action, ()))))
