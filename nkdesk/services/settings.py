"""Reading and changing the site's settings (administrators only; every change audited).

`nkdesk.domain.settings.SiteSettings` names every setting and its default; a change is checked
against the type of that default (and quantities against their unit) before it is stored.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from nkdesk.domain import Actor, Saved
from nkdesk.domain.settings import SiteSettings, Syringe
from nkdesk.rules import units
from nkdesk.rules.errors import InputError
from nkdesk.storage import settings as stored

if TYPE_CHECKING:
    from nkdesk.storage.store import Store

QUANTITIES = {"gcsf_wbc_reduce": "wbc", "gcsf_wbc_stop": "wbc"}   # setting → analyte of its unit
POSITIVE = {"dose_tolerance_pct", "recalc_weight_change_pct", "lock_timeout_min", "login_lockout_min",
            "font_scale", "backups_kept", "bsa_cap_m2"}
CHOICES = {"paper_size": ("A4", "Letter"), "calcium_correction": ("jp", "payne"),
           "forms_language": ("en", "ja", "both")}
NEWS2_SCORES = {"news2_critical_score", "news2_abnormal_score"}   # 1–3, or None to switch the rule off


def load(store: Store) -> SiteSettings:
    return stored.load(store.conn)


def versions(store: Store) -> dict[str, int]:
    """The version of each stored key, for `change_settings(expected_versions=…)`."""
    return {key: version for key, (_value, version, _id) in stored.stored(store.conn).items()}


def change_settings(store: Store, actor: Actor, changes: Mapping[str, Any], *, reason: str | None = None,
                    expected_versions: Mapping[str, int] | None = None) -> Saved:
    """Store the given settings; refused if a key was changed since `expected_versions` was read."""
    checked = {key: _checked(key, value) for key, value in changes.items()}
    with store.write(actor, "settings.change", reason=reason) as tx:
        for key, value in checked.items():
            stored.write(tx, key, value, (expected_versions or {}).get(key))
    return Saved(load(store), tx.changes)


def _checked(key: str, value: Any) -> Any:
    defaults = {f.name: getattr(SiteSettings(), f.name) for f in fields(SiteSettings)}
    if key not in defaults:
        raise InputError(key, "not a site setting", code="unknown_field")
    default = defaults[key]
    if key == "syringes":
        return tuple(_syringe(s) for s in value)
    if key in QUANTITIES:
        units.parse(value, field=key, analyte=QUANTITIES[key])
        return value.strip()
    if key in CHOICES and value not in CHOICES[key]:
        raise InputError(key, f"one of {', '.join(CHOICES[key])}", code="not_a_choice")
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InputError(key, f"expected true or false, got {value!r}", code="not_a_boolean")
        return value
    if key in ("bsa_cap_m2", *NEWS2_SCORES) and value is None:
        return None
    if key in NEWS2_SCORES and (isinstance(value, bool) or value not in (1, 2, 3)):
        raise InputError(key, "a NEWS2 parameter score (1, 2 or 3), or none", code="out_of_range")
    number = isinstance(default, (int, float)) or key == "bsa_cap_m2"
    if number:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(key, f"expected a number, got {value!r}", code="not_a_number")
        if isinstance(default, int) and not isinstance(value, int):
            raise InputError(key, f"expected a whole number, got {value!r}", code="not_integer")
        if key in POSITIVE and value <= 0:
            raise InputError(key, "must be more than 0", code="out_of_range")
        return value
    if isinstance(default, str) and not (isinstance(value, str) and value.strip()):
        raise InputError(key, f"expected text, got {value!r}", code="not_text")
    if isinstance(default, tuple):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, int) and v >= 0 for v in value):
            raise InputError(key, "expected a list of whole minutes", code="not_a_list")
        return tuple(value)
    if isinstance(default, dict) and not isinstance(value, dict):
        raise InputError(key, "expected a mapping", code="not_a_mapping")
    return value


def _syringe(value: object) -> Syringe:
    data: Any = value.__dict__ if isinstance(value, Syringe) else value   # a Syringe or JSON data
    try:
        syringe = Syringe(float(data["strength_ug"]), float(data["volume_ml"]), str(data.get("name", "")),
                          str(data.get("name_ja", "")))
    except (KeyError, TypeError, ValueError):
        raise InputError("syringes", "each syringe needs strength_ug and volume_ml", code="bad_syringe") from None
    if syringe.strength_ug <= 0 or syringe.volume_ml <= 0:
        raise InputError("syringes", "strength and volume must be more than 0", code="out_of_range")
    return syringe
