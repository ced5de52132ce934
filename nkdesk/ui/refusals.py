"""Refusals in words: what a service or the database refused, worded from the error's code and
parameters in the window's language (issue 16 "messages in words", issue 18).

Two tables, both literal `tr()` texts so that lupdate extracts them:
- `REFUSALS`: a `StorageError`'s code (a stale version, an order not verified, a wrong password, a
  suspension, a role that may not, a restore refused, …) → one sentence with its parameters
  ({changed_by}, {changed_at}, {status}, …); shown whole, in English too (the services' English
  names record numbers and internal statuses, written for the command line).
- `INPUT_CODES`: an `InputError` code raised by a service → the sentence under the field's label in
  a language other than English (in English the service's own sentence is shown: it says the case).

tests/ui/test_refusals.py scans nkdesk/services and nkdesk/domain for every code raised and fails
if one has no sentence here in both languages.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from nkdesk.ui import words


def tr(text: str) -> str:
    # lupdate files a module-level tr("…") under the empty context (as in ui/messages.py)
    return QCoreApplication.translate("", text)


def _refusal_texts() -> dict[str, str]:
    return {
        # the record and who changed it
        "stale": tr("Someone else saved this record after you opened it ({changed_by}, {changed_at}): your change "
                    "was not saved. Open the record again and enter your change once more."),
        "changed_since_shown": tr("This record was changed by {changed_by} at {changed_at} after it was shown to "
                                  "you: nothing was signed. Look at it as it is now, then sign again."),
        "not_found": tr("This record no longer exists (deleted, or another patient's): open the patient again."),
        "signature_required": tr("This record is signed: a change needs a reason and a new signature."),
        "rule": tr("This change is not allowed here: nothing was saved."),
        "storage": tr("NKDesk could not read or write the database: nothing was saved. Check the disk, "
                      "then try again."),
        # who may
        "permission": tr("{username} ({role}) may not {action}: only {allowed} may"),
        "permission_none": tr("{username} ({role}) may not {action}: no role may"),
        "permission_you": tr("You may not {action}: only {allowed} may"),
        "forged_actor": tr("This save does not come from a signed-in user: sign in again (nothing was saved)."),
        "own_order": tr("This order cannot be verified by its prescriber: a second person checks it."),
        "pharmacist_decides": tr("This syringe plan is outside the dose tolerance: a pharmacist decides on it."),
        "users_exist": tr("This database has users already: an administrator adds new ones."),
        "administrator_only": tr("Only an administrator may restore a backup."),
        "not_damaged": tr("The database is not damaged: sign in as an administrator to restore a backup."),
        "other_database": tr("This backup is of another database: choose a backup of this one."),
        # signing in
        "bad_password": tr("Unknown user or wrong password."),
        "locked": tr("This account is locked after repeated wrong passwords, until {until}. "
                     "Try again then, or ask an administrator."),
        "inactive": tr("This account is disabled: ask an administrator."),
        # dose orders
        "order_open": tr("This patient already has a dose order ({status}; {changed_by}, {changed_at}): to "
                         "prescribe a new one, re-prescribe it with a reason."),
        "order_not_current": tr("The order you wanted to replace is {status} now ({changed_by}, {changed_at}): "
                                "there is nothing to replace. Look at the order as it is now."),
        "order_not_awaiting_verification": tr("This order is {status} now ({changed_by}, {changed_at}): it is not "
                                              "waiting for verification. Look at the order as it is now."),
        "order_signature_broken": tr("This order no longer matches its prescriber's signature: it cannot be "
                                     "verified. Ask the prescriber to prescribe it again."),
        "order_cancelled": tr("This order is cancelled already."),
        "treatment_stopped": tr("Protocol treatment was {kind} on {decided_on}: this cannot be done after that."),
        "infusion_blocked": tr("The cell product's release tests do not allow this infusion ({blocks}): "
                               "it cannot start or be recorded as given."),
        # eligibility
        "assessment_signed": tr("This assessment is signed already: re-open it with a reason to change it."),
        "assessment_draft": tr("This assessment is not signed yet: edit it, there is nothing to re-open."),
        "assessment_reopened": tr("This assessment was re-opened already by {changed_by} at {changed_at}: "
                                  "continue in that draft."),
        "verdict_undecided": tr("The verdict is undecided (results are missing): it cannot be signed yet."),
        # calendar, stops, suspensions
        "calendar_stored": tr("The calendar is stored already: move or mark its events instead."),
        "event_not_planned": tr("This event is {status}: only a planned event can be moved."),
        "already_stopped": tr("Protocol treatment is already {kind} (decided on {decided_on})."),
        "not_a_suspension": tr("Only a suspension can be lifted: a discontinuation is final."),
        "suspension_lifted": tr("This suspension was lifted already."),
        "discontinued_since": tr("Protocol treatment was discontinued on {decided_on}: a suspension before it "
                                 "cannot be lifted."),
        "stop_proposal_open": tr("A stop proposal for this reason ({reason_code}) is open already."),
        "stop_proposal_decided": tr("This stop proposal is {status} already."),
        # infusions and vital signs
        "infusion_not_prepared": tr("This infusion is {status} already: it cannot start again."),
        "infusion_not_running": tr("This infusion is {status}, not in progress: it cannot be ended."),
        "set_recorded": tr("The {time_point} set is recorded already: correct it instead."),
        "no_open_alert": tr("This set has no open alert (acknowledged: {acknowledged_by})."),
        # adverse events
        "proposal_decided": tr("This proposal is {status} already."),
        "report_needs_serious": tr("Prompt reports are recorded for serious adverse events: an investigator marks "
                                   "the event serious first."),
        # the database file
        "missing": tr("The database file is not there: check the path, or restore a backup."),
        "not_a_database": tr("This file is not an NKDesk database: check the path; if it was the ward database, "
                             "restore a backup."),
        "read_only": tr("The database is read-only: nothing can be saved. Ask IT to make it writable."),
        "disk_full": tr("The disk is full: nothing of this save was written. Free space, then save again."),
        "corrupt": tr("The database is damaged: stop using it, keep the file for IT and restore the last good "
                      "backup."),
        "newer_version": tr("This database was written by a newer NKDesk: use that version."),
        "network_filesystem": tr("The database is on a network drive, where it could be damaged: keep it on "
                                 "this computer's disk."),
        "busy": tr("Another NKDesk window or program is saving to the database: try again in a moment."),
        "other_instance": tr("Another NKDesk is using this database: close it first."),
    }


def _input_texts() -> dict[str, str]:
    return {
        "required": tr("this is needed."),
        "missing": tr("this is needed."),
        "reason_required": tr("give a reason to save this (it is recorded in the audit trail)."),
        "duplicate": tr("“{text}” is used already: choose another."),
        "duplicate_given": tr("this is given twice: keep one."),
        "invalid": tr("this value cannot be used here."),
        "unknown": tr("this is not one of the choices offered."),
        "not_a_choice": tr("choose one of the options offered."),
        "not_a_date": tr("“{text}” is not a date. Type the year first: 1958-03-07 or 1958/3/7."),
        "out_of_order": tr("this is before {before}: check the date and time."),
        "out_of_range": tr("this value is outside what is allowed."),
        "not_a_boolean": tr("choose yes or no."),
        "not_a_number": tr("type a number."),
        "not_integer": tr("type a whole number."),
        "not_text": tr("type text."),
        "not_a_list": tr("type a list of whole minutes."),
        "not_a_mapping": tr("this setting needs a table of values."),
        "bad_syringe": tr("each syringe needs its strength (µg) and volume (mL)."),
        "bad_initials": tr("type 1 to 4 letters (A–Z), e.g. TY."),
        "bad_username": tr("use 2–40 letters, digits, dots, hyphens or underscores."),
        "weak_password": tr("this password is too easy to guess: at least 10 characters, not a common word."),
        "no_account": tr("this user has no NKDesk password."),
        "self": tr("you cannot change this for your own account: another administrator can."),
        "unknown_role": tr("choose one of the roles offered."),
        "unknown_field": tr("this is not a detail that can be changed here."),
        "unknown_measurement": tr("this measurement is not stored for this patient: enter it again."),
        "unknown_protocol": tr("this protocol is not known to NKDesk."),
        "unknown_term": tr("“{text}” is not a CTCAE v5.0 term: record it as a free term."),
        "judgement_needed": tr("the values alone cannot decide the grade: choose the grade."),
        "ionised_question": tr("below 1.5 mmol/L (6.0 mg/dL): was it ionised calcium? Say which before saving."),
        "not_a_time_point": tr("this is not one of this infusion's time points."),
        "time_point_mismatch": tr("the time measured does not match this time point: confirm to save it there."),
        "not_allowed": tr("this is not possible for a command-line user."),
        "not_stored": tr("this order was stored without its height and weight: it cannot be checked here."),
        "not_writable": tr("this file cannot be written: choose another folder."),
        "type": tr("this draft cannot be read: it is kept as it was."),
        "cautions_not_acknowledged": tr("tick each caution once the patient has been asked about it."),
        "future": tr("this is later than now: type the time it really was."),
        # problems the rules raise (rules/*.py), for the fields the window shows
        "decimal_comma": tr("use a decimal point, not a comma."),
        "absolute_limit": tr("this value is impossible ({low}–{high} accepted): a typing slip?"),
        "bad_acvpu": tr("choose A, C, V, P or U."),
        "bad_scale": tr("choose SpO2 scale 1 or 2."),
        "flow_without_device": tr("an oxygen flow needs its device: choose the device."),
        "not_boolean": tr("choose yes or no."),
        "not_object": tr("these entries cannot be read."),
        "unsupported": tr("this is not asked by this protocol."),
        "inconsistent_dates": tr("the dates do not agree (one is after the other): check them."),
        "bad_grade": tr("choose a CTCAE grade from 1 to 5."),
        "worst_below_grade": tr("the highest grade cannot be lower than the current grade."),
        "resolution_before_onset": tr("the resolution is before the onset: check the dates."),
        "aware_before_onset": tr("the investigator cannot have learned of it before its onset: check the date."),
        "bad_code": tr("choose one of the options offered."),
        "criteria_missing": tr("a serious adverse event needs at least one seriousness criterion: tick it."),
        "criteria_without_serious": tr("criteria are ticked but the event is not marked serious."),
        "bad_cycle": tr("type the cycle number (1, 2, 3 …)."),
        "bad_percentage": tr("type a percentage from 0 to 100."),
        "bad_result": tr("choose negative, positive or pending."),
        "impossible_conversion": tr("this unit cannot be converted to the one needed."),
        "unknown_analyte": tr("this is not a laboratory value NKDesk knows."),
        "unknown_formula": tr("choose a BSA formula from the list."),
        "unknown_policy": tr("choose a rounding policy from the list."),
        "no_stock": tr("no syringes are stocked: a pharmacist sets the site's stock first."),
        "no_gcsf": tr("this protocol has no G-CSF course."),
        "no_schedule": tr("this protocol has no treatment calendar."),
        "unknown_cycle": tr("this cycle is not part of the calendar."),
        "not_used": tr("this is not used by this protocol."),
        "bad_protocol": tr("the protocol file has a problem: ask the data manager."),
        "unsigned": tr("this order has no prescriber's signature: it cannot be verified."),
        "self_verification": tr("a dose order cannot be verified by its prescriber: a second person checks it."),
        "bad_correction": tr("choose the Japanese or the Payne albumin correction."),
        "albumin_with_ionized": tr("an ionised calcium is not corrected for albumin."),
        "not_ionized_term": tr("only hypo- and hypercalcaemia are graded on ionised calcium."),
        "clinical_term": tr("this term is graded from the clinical picture, not from a value."),
        "limit_needed": tr("this grade needs the normal range (LLN/ULN): set it first."),
        "bad_duration": tr("type how long it lasted, in hours (e.g. 30 or 1.5)."),
        # the CRS proposal's problems (rules/crs.py)
        "bad_count": tr("type the number of vasopressors (0, 1, 2 …)."),
        "unknown_device": tr("choose an oxygen device from the list."),
        "device_needed": tr("the ASTCT grade depends on the oxygen device: record it."),
        "flow_needed": tr("a nasal cannula's flow is needed (ASTCT: low flow ≤ 6 L/min, high flow > 6 L/min)."),
    }


class _Blank(dict):
    """format_map's parameters: a missing one is shown as "—", never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "—"


def _statuses() -> dict[str, str]:
    return {
        "prescribed": tr("prescribed, awaiting verification"), "verified": tr("verified"),
        "cancelled": tr("cancelled"), "planned": tr("planned"), "prepared": tr("prepared"),
        "in_progress": tr("in progress"), "completed": tr("completed"), "done": tr("done"),
        "blocked": tr("blocked"), "pending": tr("pending"), "accepted": tr("accepted"),
        "dismissed": tr("dismissed"), "decided": tr("decided"), "discontinued": tr("discontinued"),
        "suspended": tr("suspended"), "draft": tr("draft"), "signed": tr("signed"),
    }


def _actions() -> dict[str, str]:
    """What a role may not do (storage.roles.ACTION_WORDS' actions), in words."""
    return {
        "patient.create": tr("register patients"), "patient.edit": tr("edit patient details"),
        "labs.record": tr("record laboratory results"), "body.record": tr("record height and weight"),
        "assessment.save": tr("save eligibility assessments"), "assessment.sign": tr("sign eligibility assessments"),
        "assessment.amend": tr("change a signed eligibility assessment"),
        "dose": tr("write dose orders"), "dose.prescribe": tr("prescribe dose orders"),
        "dose.verify": tr("verify dose orders"), "dose.cancel": tr("cancel dose orders"),
        "treatment.plan": tr("plan treatment cycles"), "treatment.record": tr("record treatment events"),
        "treatment.discontinue": tr("discontinue or suspend treatment"),
        "settings.change": tr("change site settings"), "users.manage": tr("manage user accounts"),
        "audit.accept_anchor": tr("accept an audit anchor"), "audit.access_log": tr("read the access log"),
        "treatment.lift_suspension": tr("lift a suspension"), "stop.propose": tr("propose stopping treatment"),
        "infusion.record": tr("record infusions"), "vitals.record": tr("record vital signs"),
        "vitals.acknowledge": tr("acknowledge vital-sign alerts"), "ae.record": tr("record adverse events"),
        "ae.judge": tr("judge adverse-event seriousness and relatedness"), "ae.report": tr("record prompt reports"),
        "draft.discard": tr("discard unsaved drafts"), "session.preferences": tr("choose their own language"),
        "database.restore": tr("restore a backup"), "users.bootstrap": tr("add the first administrator"),
    }


def _blocks() -> dict[str, str]:
    return {"infectious_disease_positive": tr("infectious-disease test positive"),
            "sterility_positive": tr("sterility test positive")}


def _shown(key: str, value: object) -> str:
    """A parameter in words: a time in the site's local time, a status or an action in the window's language."""
    if key == "role" and value is None:
        return tr("operating-system user")
    if value is None or value == "":
        return "—"
    if key in ("changed_at", "until", "before") and isinstance(value, (str, datetime)):
        if isinstance(value, str) and len(value) == 10:   # a date alone
            return value
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        except ValueError:
            return str(value)
        return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M")
    if key in ("status", "kind"):
        return _statuses().get(str(value), str(value).replace("_", " "))
    if key == "role":
        return words.role(str(value))
    if key == "action":
        return _actions().get(str(value), str(value))
    if key == "reason_code":
        return words.stop_reason(str(value))
    if key == "blocks" and isinstance(value, (list, tuple)):
        return tr(", ").join(_blocks().get(str(b), str(b)) for b in value)
    return str(value)


def _filled(template: str, params: Mapping[str, object]) -> str:
    shown = _Blank({key: _shown(key, value) for key, value in params.items()})
    if "time_point_min" in params:
        from nkdesk.rules import vitals

        minutes = params["time_point_min"]
        shown["time_point"] = words.vital_set(vitals.time_point_label(minutes)) if isinstance(minutes, int) else "—"
    return template.format_map(shown)


def _who_may() -> dict[str, str]:
    """The roles that may, as the sentence names them (with their article in English)."""
    return {"investigator": tr("an investigator"), "pharmacist": tr("a pharmacist"),
            "research_nurse": tr("a research nurse"), "administrator": tr("an administrator")}


def refusal_text(code: str, params: Mapping[str, object]) -> str | None:
    """A StorageError's code in words, or None if this module does not know it."""
    if code == "permission":
        allowed = params.get("allowed")
        if isinstance(allowed, (list, tuple)):
            if not allowed:
                code = "permission_none"
            params = {**params, "allowed": tr(" or ").join(_who_may().get(str(r), str(r)) for r in allowed)}
        else:   # a refusal raised without the roles that may (a service's own check)
            params = {**params, "allowed": tr("another role")}
        if not params.get("username") and code == "permission":
            code = "permission_you"
    template = _refusal_texts().get(code)
    return None if template is None else _filled(template, params)


def input_text(code: str, params: Mapping[str, object]) -> str | None:
    """An InputError's code (raised by a service) in words, without the field's label, or None."""
    if code == "duplicate" and not params.get("text"):
        code = "duplicate_given"
    template = _input_texts().get(code)
    return None if template is None else _filled(template, params)


def refusal_codes() -> frozenset[str]:
    return frozenset(_refusal_texts())


def input_codes() -> frozenset[str]:
    return frozenset(_input_texts())
