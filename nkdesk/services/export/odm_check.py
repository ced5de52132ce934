"""The ODM export's schema check: ODM1-3-2.xsd (the one odmlib ships) through lxml, once per FormData
template and on everything else of the document (odm.py writes it; this decides whether it is valid).

Validating the whole document (parse ~2 s, validate ~1.3 s for 1,000 patients) was a third of the
export. Almost every FormData is one of a few templates with different values, so the schema
checks each template once and, for later FormData of that template, only the values:

1. A FormData's template is everything of its text that is not a slot value: the form (its
   FormOID, ItemGroupOID, item OIDs and unit references come from the mapping), whether it has a
   FormRepeatKey, and, per item present, its key and whether it has an AuditRecord with or
   without a ReasonForChange. `odm._form_data` writes the text from exactly these and the slot
   values (the Value, the repeat number, the AuditRecord's user, workstation, time and reason),
   so two FormData of one template differ only in their slot values, by construction.
2. What lxml validates (`validate`) is the whole document without the FormData that are vouched
   for: the shell (metadata, admin data), every SubjectData and StudyEventData around them, every
   signed FormData (a Signature's ID is an xs:ID, unique in the whole document, so all of them
   stay) and at least one FormData of every template, with its values.
3. A FormData is vouched for when its template already went to the check (its first FormData did)
   and each slot value is one the schema accepts in that place whatever it is: ItemData/@Value,
   ReasonForChange, UserRef/@UserOID and LocationRef/@LocationOID are strings (ODM's `value`,
   `text`; `oidref` needs one character, and "USR."/"LOC." are four) that accept any XML
   character; a repeat key is a positive number; DateTimeStamp is an xs:dateTime, vouched for
   only in the plain form the trail writes (`xsd_datetime`, stricter than XSD). A value that
   is not vouched for sends its FormData to the check whole, so lxml decides it.
4. The ODM 1.3.2 schema has no identity constraint (xs:unique, xs:key) below ClinicalData and
   its content models there are sequences of optional, repeatable elements, so a SubjectData is
   valid when its own text and each of its FormData are: checking a FormData inside another
   subject's SubjectData decides the same. Well-formedness holds by construction (every value
   escaped, and only XML characters vouched for).
tests/services/test_export_odm_check.py proves the equivalence against whole-document validation
for every template of the demo export with values the schema accepts and refuses.
"""
from __future__ import annotations

import re
from datetime import datetime

from lxml import etree
from odmlib import schema_manager


class OdmInvalid(ValueError):
    """The document does not validate against the ODM 1.3.2 schema (nothing was written)."""


def schema_path() -> str:
    return schema_manager.get_schema_path("odm", "1.3.2")


_SCHEMA: etree.XMLSchema | None = None


def schema() -> etree.XMLSchema:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = etree.XMLSchema(etree.parse(schema_path()))
    return _SCHEMA


_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATETIME = re.compile(r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
                       r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?")


def plain_chars(text: str) -> bool:
    """Only characters XML 1.0 allows (its Char production)."""
    return _NOT_XML_CHAR.search(text) is None


def xsd_datetime(text: str) -> bool:
    """A valid xs:dateTime in the plain form the audit trail writes (a real calendar date and time)."""
    if _DATETIME.fullmatch(text) is None:
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


class Templates:
    """The FormData templates that have gone to the schema check (see above)."""

    def __init__(self) -> None:
        self.checked: set[tuple[object, ...]] = set()

    def covers(self, shape: tuple[object, ...], vouched: bool) -> bool:
        """True if a FormData of `shape` whose values are `vouched` for need not go to the check."""
        if shape in self.checked:
            return vouched
        self.checked.add(shape)   # this one goes to the check: its template is checked from now on
        return False


def validate(document: bytes) -> None:
    """Parse `document` and validate it against the ODM 1.3.2 schema; OdmInvalid naming the first
    error. (A parsed tree validates about four times faster than lxml's streaming validation. The
    parser does not collect IDs, a third of its time: the schema validation registers and checks
    the xs:ID attributes itself, duplicates included, as tests/services/test_export_odm.py shows.)"""
    try:
        tree = etree.fromstring(document, etree.XMLParser(huge_tree=True, collect_ids=False))
    except etree.XMLSyntaxError as exc:
        raise OdmInvalid(f"the ODM document is not well-formed XML: {exc}") from None
    checker = schema()
    if not checker.validate(tree):
        first = checker.error_log[0]
        raise OdmInvalid(f"the ODM document does not validate against ODM 1.3.2: line {first.line}: "
                         f"{first.message}")
