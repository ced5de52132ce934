"""Lab results and body measurements: stored as entered and in the analyte's canonical unit."""
from __future__ import annotations

from datetime import date

import pytest

from nkdesk.rules.errors import InputError
from nkdesk.services import measurements


@pytest.mark.parametrize("analyte, text, value, unit, canonical, canonical_unit", [
    # 10^4/µL = 10^4 per 10^-6 L = 10^10/L, so 15.2 × 10^4/µL = 152 × 10^9/L
    ("platelets", "15.2 10^4/uL", 15.2, "10^4/uL", 152.0, "10^9/L"),
    # 5600 per µL = 5600 × 10^6/L = 5.6 × 10^9/L
    ("wbc", "5600 /uL", 5600.0, "/uL", 5.6, "10^9/L"),
    # 1 g/dL = 10 g/L
    ("haemoglobin", "12.1 g/dL", 12.1, "g/dL", 121.0, "g/L"),
    # AFP: 1 IU = 1.21 ng (WHO 1st IS 72/225, Sizaret 1975)
    ("afp", "100 IU/mL", 100.0, "IU/mL", 121.0, "ng/mL"),
    # creatinine: 1 mg/dL = 88.4 µmol/L (Young, Ann Intern Med 1987)
    ("creatinine", "0.8 mg/dL", 0.8, "mg/dL", 70.72, "umol/L"),
])
def test_lab_value_kept_as_entered_and_canonical(store, people, make_patient, analyte, text, value, unit,
                                                 canonical, canonical_unit):
    """Each result keeps the text, number and unit as entered, and the canonical value and unit."""
    patient = make_patient()
    lab_set = measurements.record_labs(store, people.nurse, patient.id, date(2026, 11, 20), {analyte: text}).value
    (result,) = lab_set.results
    q = result.quantity
    assert (q.text, q.value, q.unit, q.canonical_unit) == (text, value, unit, canonical_unit)
    assert q.canonical_value == pytest.approx(canonical, rel=1e-9)


@pytest.mark.parametrize("kind, text, canonical", [
    ("height", "62 in", 157.48),    # 1 in = 2.54 cm exactly (international inch, 1959)
    ("weight", "121 lb", 54.88467677),  # 1 lb = 0.45359237 kg exactly (international pound, 1959)
    ("height", "1.7 m", 170.0),
])
def test_body_measurement_in_any_unit(store, people, make_patient, kind, text, canonical):
    """Height and weight are kept as entered, with the value in cm or kg."""
    patient = make_patient()
    (measured,) = measurements.record_body(store, people.nurse, patient.id, date(2026, 11, 20), **{kind: text}).value
    assert measured.kind == kind and measured.quantity.text == text
    assert measured.quantity.canonical_value == pytest.approx(canonical, rel=1e-9)


@pytest.mark.parametrize("values, field", [
    ({"platelets": "15.2"}, "labs.platelets"),             # no unit
    ({"platelets": "15.2 g/dL"}, "labs.platelets"),        # wrong kind of unit
    ({"hemoglobin": "12.1 g/dL", "wbc": "56000 10^9/L"}, "labs.wbc"),  # implausible
    ({"sugar": "5 mmol/L"}, "labs.sugar"),                 # unknown analyte
])
def test_bad_value_refuses_the_whole_set(store, people, make_patient, values, field):
    """One bad value refuses the whole set: InputError naming it, nothing written."""
    patient = make_patient()
    rows = store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(InputError) as caught:
        measurements.record_labs(store, people.nurse, patient.id, date(2026, 11, 20), values)
    assert caught.value.field == field
    assert store.scalar("SELECT count(*) FROM audit_log") == rows


def test_a_set_is_one_save_with_its_audit_rows(store, people, make_patient):
    """A lab set with three results is one save: one set row, three result rows, four audit rows."""
    patient = make_patient()
    before = store.scalar("SELECT count(*) FROM audit_log")
    saved = measurements.record_labs(store, people.nurse, patient.id, date(2026, 11, 20),
                                     {"hemoglobin": "12 g/dL", "platelets": "20 10^4/uL", "wbc": "6 10^9/L"})
    assert len(saved.value.results) == 3
    assert store.scalar("SELECT count(*) FROM audit_log") - before == 4
    first, last = saved.changes.audit_seqs
    assert last - first + 1 == 4 and saved.changes.patient_ids == {patient.id}
