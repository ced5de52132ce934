"""Every measured quantity NKDesk accepts: its canonical unit, plausible range and unit choices.

One table, one row per analyte (or body measurement). The canonical unit is what the rules use and
what storage keeps beside the value as entered; the plausible range (in the canonical unit, from
../shared/cli-contract.md) catches typing slips, not abnormal values; `units` lists what the window
offers, site default first; `factors` are the analyte-specific equivalences that let mass and molar
(or international) units convert, each with its source. Plain data: no pint here.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Factor:
    """`left` equals `right` for this analyte only (e.g. 1 IU/mL AFP = 1.21 ng/mL)."""

    left: str
    right: str
    source: str


@dataclass(frozen=True)
class Analyte:
    name: str
    label: str
    canonical: str
    plausible: tuple[float, float]
    units: tuple[str, ...]
    kind: str  # what a unit must measure, in words, for error messages
    aliases: tuple[str, ...] = ()
    factors: tuple[Factor, ...] = field(default=())
    slips: tuple[str, ...] = ()  # units not offered, but tried when suggesting a typing slip


_ENZYME_IU = Factor(
    "1 IU/L", "1 U/L",
    "IFCC: one international unit of enzyme activity = 1 µmol substrate converted per minute",
)
_MEQ_MONOVALENT = Factor("1 mEq/L", "1 mmol/L", "monovalent ion: 1 mEq = 1 mmol")

ANALYTES: tuple[Analyte, ...] = (
    Analyte("hemoglobin", "Haemoglobin", "g/L", (20, 250), ("g/dL", "g/L", "mmol/L"),
            "a mass concentration, e.g. g/dL", ("haemoglobin", "hb", "hgb"),
            (Factor("1 g/dL", "0.6206 mmol/L",
                    "haemoglobin monomer (Fe), molar mass 16 114 g/mol: 1 g/dL = 0.6206 mmol/L "
                    "(IFCC/ICSH; van Kampen & Zijlstra, Clin Chim Acta 1961;6:538)"),)),
    Analyte("platelets", "Platelets", "10^9/L", (1, 2000), ("10^4/uL", "10^9/L", "/uL"),
            "a count per volume, e.g. 10^9/L", ("plt", "platelet_count")),
    Analyte("wbc", "White blood cells", "10^9/L", (0.1, 500), ("/uL", "10^9/L", "10^3/uL"),
            "a count per volume, e.g. 10^9/L", ("leucocytes", "leukocytes", "white_blood_cells")),
    Analyte("neutrophils", "Neutrophils", "10^9/L", (0, 300), ("/uL", "10^9/L", "10^3/uL"),
            "a count per volume, e.g. 10^9/L", ("anc", "neutrophil_count")),
    Analyte("lymphocytes", "Lymphocytes", "10^9/L", (0, 300), ("/uL", "10^9/L", "10^3/uL"),
            "a count per volume, e.g. 10^9/L", ("alc", "lymphocyte_count")),
    Analyte("afp", "AFP", "ng/mL", (0, 10_000_000), ("ng/mL", "ug/L", "IU/mL"),
            "a mass concentration, e.g. ng/mL", ("alpha_fetoprotein",),
            (Factor("1 IU/mL", "1.21 ng/mL",
                    "WHO 1st International Standard for AFP, 72/225: 1 IU = 1.21 ng "
                    "(Sizaret P et al., Bull WHO 1975;52:215)"),)),
    Analyte("pivka2", "PIVKA-II", "mAU/mL", (0, 10_000_000), ("mAU/mL", "AU/L"),
            "arbitrary units per volume, e.g. mAU/mL", ("pivka_ii", "pivka-ii", "dcp")),
    Analyte("bilirubin", "Total bilirubin", "umol/L", (0, 1000), ("mg/dL", "umol/L"),
            "a concentration, e.g. mg/dL or µmol/L", ("t_bil", "t-bil", "tbil", "total_bilirubin"),
            (Factor("1 mg/dL", "17.1 umol/L",
                    "bilirubin, molar mass 584.7 g/mol: 1 mg/dL = 17.1 µmol/L (SI conversion tables, "
                    "e.g. Young DS, Ann Intern Med 1987;106:114)"),)),
    Analyte("creatinine", "Creatinine", "umol/L", (5, 3000), ("mg/dL", "umol/L"),
            "a concentration, e.g. mg/dL or µmol/L", ("cre", "cr"),
            (Factor("1 mg/dL", "88.4 umol/L",
                    "creatinine, molar mass 113.12 g/mol: 1 mg/dL = 88.4 µmol/L (Young DS, "
                    "Ann Intern Med 1987;106:114)"),)),
    Analyte("ast", "AST", "U/L", (0, 20000), ("U/L", "IU/L"), "an enzyme activity, e.g. U/L",
            ("got", "aspartate_aminotransferase"), (_ENZYME_IU,)),
    Analyte("alt", "ALT", "U/L", (0, 20000), ("U/L", "IU/L"), "an enzyme activity, e.g. U/L",
            ("gpt", "alanine_aminotransferase"), (_ENZYME_IU,)),
    Analyte("alp", "ALP", "U/L", (0, 20000), ("U/L", "IU/L"), "an enzyme activity, e.g. U/L",
            ("alkaline_phosphatase",), (_ENZYME_IU,)),
    Analyte("sodium", "Sodium", "mmol/L", (90, 200), ("mmol/L", "mEq/L"),
            "a molar concentration, e.g. mmol/L", ("na",), (_MEQ_MONOVALENT,)),
    Analyte("potassium", "Potassium", "mmol/L", (1, 10), ("mmol/L", "mEq/L"),
            "a molar concentration, e.g. mmol/L", ("k",), (_MEQ_MONOVALENT,)),
    Analyte("calcium", "Calcium", "mmol/L", (0.5, 5), ("mg/dL", "mmol/L", "mEq/L"),
            "a concentration, e.g. mg/dL or mmol/L", ("ca",),
            (Factor("1 mg/dL", "0.2495 mmol/L",
                    "calcium, molar mass 40.08 g/mol: 1 mg/dL = 0.2495 mmol/L (Young DS, "
                    "Ann Intern Med 1987;106:114)"),
             Factor("2 mEq/L", "1 mmol/L", "calcium is divalent: 2 mEq = 1 mmol"))),
    # Ionised (free) calcium, as blood-gas analysers report it: graded on CTCAE v5.0's ionised
    # column (Hypocalcemia/Hypercalcemia), never corrected for albumin. Plausible range from
    # ../shared/cli-contract.md (0.2–3.0 mmol/L); the same molar mass as total calcium.
    Analyte("ionized_calcium", "Ionised calcium", "mmol/L", (0.2, 3.0), ("mmol/L", "mg/dL", "mEq/L"),
            "a concentration, e.g. mmol/L", ("ionised_calcium", "ica", "ca_ion", "ionized_ca", "ionised_ca",
                                             "free_calcium"),
            (Factor("1 mg/dL", "0.2495 mmol/L",
                    "calcium, molar mass 40.08 g/mol: 1 mg/dL = 0.2495 mmol/L (Young DS, "
                    "Ann Intern Med 1987;106:114)"),
             Factor("2 mEq/L", "1 mmol/L", "calcium is divalent: 2 mEq = 1 mmol"))),
    Analyte("albumin", "Albumin", "g/L", (5, 70), ("g/dL", "g/L"), "a mass concentration, e.g. g/dL",
            ("alb",)),
    Analyte("temperature", "Temperature", "degC", (25, 45), ("degC", "degF"),
            "a temperature, e.g. degC", ("temp", "body_temperature")),
    Analyte("height", "Height", "cm", (100, 250), ("cm", "m", "in"), "a length, e.g. cm", (),
            slips=("mm",)),
    Analyte("weight", "Weight", "kg", (25, 300), ("kg", "lb"), "a mass, e.g. kg", ("body_weight",),
            slips=("g",)),
    Analyte("ejection_fraction", "Ejection fraction", "%", (5, 90), ("%",),
            "a percentage, e.g. %", ("ef", "lvef")),
)

_BY_NAME: dict[str, Analyte] = {}
for _a in ANALYTES:
    for _key in (_a.name, *_a.aliases):
        _BY_NAME[_key.lower()] = _a


def find(name: str) -> Analyte | None:
    """The analyte called `name` (British spellings and common abbreviations accepted), or None."""
    return _BY_NAME.get(name.strip().lower().replace(" ", "_"))


def names() -> list[str]:
    return [a.name for a in ANALYTES]
