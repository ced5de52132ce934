"""What a service call can raise, in one place for the window and the command line to catch.

`InputError` (the rules: a field and a message) and `StorageError` with its subclasses (storage: a
stale version, a permission, a signature, a forged actor, a damaged file, …). The window catches
these through this module, so it never imports `storage` (README, "Layers").
"""
from __future__ import annotations

from nkdesk.rules.errors import InputError
from nkdesk.storage.errors import AuthError, ChangedSinceShown, ForgedActor, StaleVersion, StorageError

__all__ = ["AuthError", "ChangedSinceShown", "ForgedActor", "InputError", "StaleVersion", "StorageError"]
