"""Site settings: the choices a site makes (formula, syringe stock, limits…), with their defaults.

One place knows every setting and its default. Storage keeps the site's values in the database,
audited like patient data, and hands the rules a `SiteSettings`; until a site changes anything,
`SiteSettings()` is what every rule uses. Values are plain data (quantities as text with units),
so the object can be stored as JSON and compared field by field in the audit trail.

It lives in `domain` (standard library only) because storage reads and writes it and the rules
compute with it, and neither of those layers may import the other (README, "Layers");
`nkdesk.rules.site_settings` re-exports it for the rules.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Syringe:
    """One stocked filgrastim syringe: strength, the volume it holds, and its product name as the
    ward reads it (`name`, with its Japanese `name_ja` as data, as the protocol files carry `label_ja`)."""

    strength_ug: float
    volume_ml: float
    name: str = ""
    name_ja: str = ""


# Kyowa Kirin filgrastim BS syringes stocked in Japan: 75 µg/0.3 mL, 150 µg/0.6 mL, 300 µg/0.7 mL
# (package insert of Filgrastim BS Syringe "Kyowa Kirin"/Gran syringe).
DEFAULT_SYRINGES = (
    Syringe(75, 0.3, "filgrastim 75 µg/0.3 mL", "フィルグラスチム 75 µg/0.3 mL"),
    Syringe(150, 0.6, "filgrastim 150 µg/0.6 mL", "フィルグラスチム 150 µg/0.6 mL"),
    Syringe(300, 0.7, "filgrastim 300 µg/0.7 mL", "フィルグラスチム 300 µg/0.7 mL"),
)


@dataclass(frozen=True)
class SiteSettings:
    # -- dosing (issue 3)
    default_bsa_formula: str = "mosteller"          # the window's default; the CLI always uses mosteller
    syringes: tuple[Syringe, ...] = DEFAULT_SYRINGES
    rounding_policy: str = "nearest"                # see rules/dosing.py for the policies offered
    dose_tolerance_pct: float = 10.0                # outside ±this, a pharmacist decides
    bsa_cap_m2: float | None = None                 # no cap unless the site sets one (shown, never silent)
    recalc_weight_change_pct: float = 10.0          # a new weight this far from the order's flags it
    # Filgrastim label (Japan, mobilisation): reduce at WBC ≥ 50,000/mm³, stop at ≥ 75,000/mm³.
    gcsf_wbc_reduce: str = "50000 /mm3"
    gcsf_wbc_stop: str = "75000 /mm3"
    # -- the window and the paper
    lock_timeout_min: float = 10.0
    login_lockout_min: float = 15.0                 # an account is locked this long after 5 failed logins
    paper_size: str = "A4"                          # A4 or Letter
    # Language of the printed forms (issue 18): "en" (as `nkdesk form` prints), "ja", or "both";
    # and whether dates also show the Japanese era (令和8年12月6日) in the window and on the forms.
    forms_language: str = "en"
    era_dates: bool = False
    font_scale: float = 1.0
    # -- backups
    backups_kept: int = 14
    # -- bedside safety (issue 5): empty mappings mean "the defaults in rules/ for that topic"
    vital_limits: dict[str, Any] = field(default_factory=dict)
    lab_normal_ranges: dict[str, Any] = field(default_factory=dict)
    # The unit each lab is entered in first (issue 16), e.g. {"hemoglobin": "g/dL"}; an analyte not
    # named here offers rules/analytes.py's first unit (Japanese labs: g/dL, 10^4/uL, mg/dL).
    lab_units: dict[str, str] = field(default_factory=dict)
    # Albumin correction of total calcium (issue 13; rules/ctcae.py): "jp" = Ca + 1.0 × (4.0 − Alb),
    # the Japanese labelling convention; "payne" = Ca + 0.8 × (4.0 − Alb) (Payne 1973). Only when
    # albumin < 4.0 g/dL.
    calcium_correction: str = "jp"
    # Vital signs and NEWS2 (issue 13; rules/vitals.py): a parameter NEWS2 scores this high is a
    # critical alert, and one scoring at least `news2_abnormal_score` is outside normal (needs a
    # reason). None switches that part off (the limits in `vital_limits` still apply).
    news2_critical_score: int | None = 3
    news2_abnormal_score: int | None = 1
    infusion_time_points_min: tuple[int, ...] = ()  # () = the protocol file's time points

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteSettings:
        """Settings from stored JSON; unknown keys are ignored (a newer file), missing keys default."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "syringes" in values:
            values["syringes"] = tuple(Syringe(**s) if isinstance(s, dict) else s for s in values["syringes"])
        if "infusion_time_points_min" in values:
            values["infusion_time_points_min"] = tuple(values["infusion_time_points_min"])
        return cls(**values)

    def with_changes(self, **changes: Any) -> SiteSettings:
        return replace(self, **changes)
