"""The ward's use cases: every ward action is one call and one save — validate what the user typed,
compute with `rules`, write in one audited transaction, and return a `Saved` (the record as stored,
and the `Changes` the window uses to refresh). Services decide, the window shows: no caller hands a
service a computed clinical result, and what a screen must say (the dosing checks, the proposed
calendar, the current cycle) is decided here too.

Modules: auth (sign in and out, unlock, own password; the operating-system actor), users (accounts,
by administrators), patients, measurements (labs, height and weight), eligibility (save, sign and
re-open assessments), dosing (prescribe — computed here, replacing the live order in the same save
—, verify what was shown, cancel; the screen's status and preview), treatment (the calendar
computed and stored in one save, events, discontinuation and suspension, lifting one), settings
(site settings), trail (audit history, accepting an anchor), demo and demo_bedside (the demo
database); bedside safety: infusions (cell product and start in one save, end), vitals (vital-sign
sets, alerts), adverse_events (the AE log, judgement, prompt report), ae_proposals (lab and fever
proposals), stops (stop-rule proposals), summaries (AE counts, vital signs and labs described);
printing (forms from stored data); workstation (opening the file, backups) and errors (what a call
raises) for the window, which imports no storage.

Every action takes the open `Store` and an `Actor` the store issued (signing in, or the OS user of
a command-line run); storage refuses any other actor and checks the actor's stored role, never the
caller's word. Input problems are `nkdesk.rules.errors.InputError` (field and message), storage
problems `nkdesk.storage.errors.StorageError` subclasses (stale version, permission, forged actor,
changed since shown, signature, …); both are in `services.errors`.
"""
