"""The CTCAE v5.0 terms this therapy needs (issue 13): present, worded as CTCAE v5.0 words them, each
with its MedDRA LLT code and where both were checked; the AE picker shows no internal notes.

Expected values are CTCAE v5.0 (NCI, published 27 Nov 2017; MedDRA 20.1 LLT codes as the CTCAE table
lists them per term), read from the table and typed here independently of ctcae_v5.toml.
"""
from __future__ import annotations

import re

import pytest

from nkdesk.rules import ctcae, protocol

# term → (MedDRA LLT code, System Organ Class) as CTCAE v5.0 lists them
ISSUE_13_TERMS = {
    "Infusion related reaction": ("10051792", "Injury, poisoning and procedural complications"),
    "Chills": ("10008531", "General disorders and administration site conditions"),
    "Creatinine increased": ("10011368", "Investigations"),
    "Hypertension": ("10020772", "Vascular disorders"),
    "Vomiting": ("10047700", "Gastrointestinal disorders"),
    "Fatigue": ("10016256", "General disorders and administration site conditions"),
    "Back pain": ("10003988", "Musculoskeletal and connective tissue disorders"),
    "Bone pain": ("10006002", "Musculoskeletal and connective tissue disorders"),
    "Myalgia": ("10028411", "Musculoskeletal and connective tissue disorders"),
    "Headache": ("10019211", "Nervous system disorders"),
    "Injection site reaction": ("10022095", "General disorders and administration site conditions"),
    "Anaphylaxis": ("10002218", "Immune system disorders"),
    "Dyspnea": ("10013963", "Respiratory, thoracic and mediastinal disorders"),
    "Sinus tachycardia": ("10040752", "Cardiac disorders"),
    "Catheter related infection": ("10007810", "Infections and infestations"),
    "Sepsis": ("10040047", "Infections and infestations"),
    "Ascites": ("10003445", "Gastrointestinal disorders"),
    "Hepatic failure": ("10019663", "Hepatobiliary disorders"),
}


@pytest.mark.parametrize(("name", "expected"), sorted(ISSUE_13_TERMS.items()))
def test_issue_13_terms_are_present_with_their_meddra_code(name, expected):
    term = ctcae.find_term(name)
    assert term is not None, name
    assert (term.meddra_code, term.soc) == expected
    assert term.code_checked is True
    assert term.source.startswith(f"CTCAE v5.0 (NCI, 27 Nov 2017), {expected[1]} page")


@pytest.mark.parametrize(("name", "grade", "wording"), [
    # CTCAE v5.0 grade wording, character for character
    ("Infusion related reaction", 2, "Therapy or infusion interruption indicated but responds promptly to symptomatic "
                                     "treatment (e.g., antihistamines, NSAIDS, narcotics, IV fluids); prophylactic "
                                     "medications indicated for <=24 hrs"),
    ("Chills", 1, "Mild sensation of cold; shivering; chattering of teeth"),
    ("Sinus tachycardia", 3, "Urgent medical intervention indicated"),
    ("Sepsis", 3, "Blood culture positive with signs or symptoms; treatment indicated"),
    ("Hepatic failure", 3, "Asterixis; mild encephalopathy; drug-induced liver injury (DILI); limiting self care ADL"),
    ("Anaphylaxis", 3, "Symptomatic bronchospasm, with or without urticaria; parenteral intervention indicated; "
                       "allergy-related edema/angioedema; hypotension"),
    ("Vomiting", 2, "Outpatient IV hydration; medical intervention indicated"),
    ("Malaise", 3, "Uneasiness or lack of well being limiting self-care ADL"),   # grade 3 exists in v5.0
])
def test_grade_wording(name, grade, wording):
    assert ctcae.find_term(name).grades[grade] == wording


@pytest.mark.parametrize(("name", "missing"), [
    ("Sinus tachycardia", (4, 5)), ("Sepsis", (1, 2)), ("Anaphylaxis", (1, 2)), ("Chills", (4, 5)),
])
def test_grades_that_do_not_exist_are_not_offered(name, missing):
    """CTCAE's "-": the grade does not exist for the term, so the picker does not offer it."""
    offered = ctcae.definitions(name).grades
    assert not set(missing) & set(offered)


def test_every_term_has_a_code_or_is_flagged_unverified():
    """A code is 8 digits and checked, or empty and flagged; each term names where it was checked."""
    for term in ctcae.table().values():
        if term.code_checked:
            assert re.fullmatch(r"100\d{5}", term.meddra_code), term.name
        else:
            assert term.meddra_code == "", f"{term.name}: an unverified code must be left empty"
        assert term.source.startswith("CTCAE v5.0 (NCI, 27 Nov 2017)"), term.name


@pytest.mark.parametrize(("value", "kwargs", "expected"), [
    # CTCAE v5.0 Creatinine increased: G1 ">ULN - 1.5 x ULN"; G2 ">1.5 - 3.0 x baseline; >1.5 - 3.0 x
    # ULN"; G3 ">3.0 x baseline; >3.0 - 6.0 x ULN"; G4 ">6.0 x ULN" (ULN 1.07 mg/dL, JCCLS men)
    ("1.07 mg/dL", {"uln": "1.07 mg/dL"}, 0),
    ("1.6 mg/dL", {"uln": "1.07 mg/dL"}, 1),       # 1.50 × ULN
    ("1.7 mg/dL", {"uln": "1.07 mg/dL"}, 2),       # 1.59 × ULN
    ("3.3 mg/dL", {"uln": "1.07 mg/dL"}, 3),       # 3.08 × ULN
    ("6.5 mg/dL", {"uln": "1.07 mg/dL"}, 4),       # 6.07 × ULN
    ("1.2 mg/dL", {"uln": "1.07 mg/dL", "baseline": "0.7 mg/dL"}, 2),   # 1.71 × baseline
    ("2.2 mg/dL", {"uln": "1.07 mg/dL", "baseline": "0.7 mg/dL"}, 3),   # 3.14 × baseline
])
def test_creatinine_increased(value, kwargs, expected):
    assert ctcae.grade("Creatinine increased", value, **kwargs).grade == expected


def test_protocol_list_is_covered_and_picker_shows_no_internal_notes():
    """Every term of the protocol's AE list is offered; no "(not listed; issue 5)" or other internal
    note reaches the picker; added terms say they are not in the protocol's list."""
    study = protocol.load("jRCTb060200020")
    offers = ctcae.protocol_term_offers(study)
    names = {o.choice.term for o in offers}
    assert {n for n in ISSUE_13_TERMS} <= names
    for listed in ("Anemia", "Malaise", "Laryngeal edema", "Mucositis oral", "Hypoxia", "Pulmonary edema",
                   "Peripheral sensory neuropathy", "Rash maculo-papular", "Allergic reaction",
                   "Cytokine release syndrome", "Hypotension"):
        assert listed in names
    for offer in offers:
        assert "issue" not in offer.label.lower() and "not listed" not in offer.label
        assert offer.label.startswith("protocol: ") != offer.added
    assert len(names) == len(offers)        # each CTCAE term offered once
    hypoalbuminaemia = next(o for o in offers if o.choice.term == "Hypoalbuminemia")
    assert hypoalbuminaemia.label.startswith("not in the protocol's list")
