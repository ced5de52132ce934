"""Who works in NKDesk and what they leave behind: users and roles, signatures, audit entries."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What a user may do (the full table is `nkdesk.storage.roles.PERMISSIONS`)."""

    INVESTIGATOR = "investigator"        # a physician: signs eligibility, prescribes, decides stops
    PHARMACIST = "pharmacist"            # verifies dose orders, decides on out-of-tolerance plans
    RESEARCH_NURSE = "research_nurse"    # records measurements, vital signs, infusions, AEs
    ADMINISTRATOR = "administrator"      # manages users and settings; signs no clinical record

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class User:
    """A person who signs in, or (id None, role None) the operating-system user of a CLI command."""

    id: int | None
    username: str
    full_name: str
    role: Role | None
    active: bool = True
    version: int = 1

    @property
    def is_os_user(self) -> bool:
        return self.id is None

    @classmethod
    def os_user(cls, login: str) -> User:
        return cls(None, f"os:{login}", login, None)


@dataclass(frozen=True)
class Signature:
    """An electronic signature bound to a record's content hash and to the audit chain's head."""

    id: int
    table: str
    record_id: int
    meaning: str                 # "eligibility confirmed", "dose verified", …
    signer_id: int
    signer_username: str
    signer_name: str
    signer_role: str
    signed_at_utc: str
    signed_at_local: str
    workstation: str
    content_hash: str
    anchor_count: int
    anchor_head: str


@dataclass(frozen=True)
class SignatureCheck:
    """A signature and whether the record still has the content that was signed."""

    signature: Signature
    valid: bool


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at_utc: str
    at_local: str
    user_id: int | None
    username: str
    role: str | None
    workstation: str
    action: str
    op: str                      # insert / update / delete / event
    table: str
    record_id: str
    field: str | None
    old: Any
    new: Any
    reason: str | None
    prev_hash: str
    hash: str
