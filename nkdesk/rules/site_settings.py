"""Site settings for the rules: `SiteSettings` and `Syringe` are defined in `nkdesk.domain.settings`.

They are plain data that every layer shares (storage persists them, the rules compute with them,
the window shows them), so they live in `domain`, below both `rules` and `storage`; this module
keeps the rules' own import path (`from nkdesk.rules.site_settings import SiteSettings`).
"""
from __future__ import annotations

from nkdesk.domain.settings import DEFAULT_SYRINGES, SiteSettings, Syringe

__all__ = ["DEFAULT_SYRINGES", "SiteSettings", "Syringe"]
