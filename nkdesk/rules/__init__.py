"""Pure clinical logic: units, eligibility, body surface area and dosing, schedules, grading.

No Qt and no database here: the CLI, the tests and the window all call these functions.
"""
