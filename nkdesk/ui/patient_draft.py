"""The patient-details dialog's draft (issue 14): what is typed in "New patient…" or "Edit
patient…" is kept about 0.7 s after the last key and when the dialog is closed with Escape or
Cancel, and offered back when the dialog is opened again. A new patient does not exist yet, so
their details are the signed-in user's draft (`services.drafts.keep_mine`); an edit's draft is the
patient's (`services.drafts.keep`, editor "patient_details"). Creating or changing the patient
removes it in the same save; "Discard draft…" throws it away with a reason, recorded.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from nkdesk.services import drafts

EDITOR = "patient_details"


class PatientDraft:
    """`prompts.DraftKeeper` for the patient dialog, bound to the window's session."""

    def __init__(self, session: Any, prompts: Any, patient_id: int | None = None):
        self.session, self.prompts, self.patient_id = session, prompts, patient_id

    def found(self) -> tuple[dict[str, Any], str] | None:
        if self.patient_id is None:
            kept = self.session.read(drafts.find_mine, self.session.user, EDITOR)
        else:
            kept = self.session.read(drafts.find, self.patient_id, EDITOR)
        return None if kept is None else (dict(kept.payload), kept.saved_at_utc)

    def keep(self, payload: dict[str, Any]) -> tuple[str | None, str | None]:
        """(when it was kept, UTC) or (None, the problem in words)."""
        if self.session.user is None or self.session.store is None:
            return None, None
        if self.patient_id is None:
            return self.session.attempt(drafts.keep_mine, self.session.user, EDITOR, payload)
        return self.session.attempt(drafts.keep, self.session.user, self.patient_id, EDITOR, payload)

    def discard(self) -> bool:
        reason = self.prompts.reason(QCoreApplication.translate("PatientDraft", "Discard the draft"),
                                     QCoreApplication.translate("PatientDraft",
                                                                "Why are the patient details typed here thrown away?"))
        if not reason:
            return False
        if self.patient_id is None:
            saved = self.session.call(drafts.discard_mine, EDITOR, reason)
        else:
            saved = self.session.call(drafts.discard, self.patient_id, EDITOR, reason)
        return saved is not None
