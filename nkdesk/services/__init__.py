"""The ward's use cases, each one save: validate the input, write in one audited transaction, and
return a `Saved` (the record as stored, and the `Changes` the window uses to refresh).

Modules: auth (sign in, own password), users (accounts, by administrators), patients, measurements
(labs, height and weight), eligibility (save and sign assessments), dosing (dose orders: prescribe,
verify, cancel), treatment (cycles, events, discontinuation and suspension, lifting one), settings
(site settings), trail (audit history, accepting an anchor), demo and demo_bedside (the demo
database); bedside safety (issue 5): infusions (cell product, start, end), vitals (vital-sign sets,
alerts), adverse_events (the AE log, judgement, prompt report), ae_proposals (lab and fever
proposals), stops (stop-rule proposals), summaries (AE counts, vital signs and labs described). Every function
takes the open `Store` and the signed-in `User`; storage checks the user's role, never the caller.
Input problems are `nkdesk.rules.errors.InputError` (field and message), storage problems
`nkdesk.storage.errors.StorageError` subclasses (stale version, permission, signature, …).
"""
