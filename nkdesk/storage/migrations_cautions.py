"""Schema steps of "the caution ticks are stored with the order" (issue 14).

- m080: a dose order prescribed from now on carries, in its signed order JSON, the cautions it
  showed (`label_cautions`) and which of them the prescriber acknowledged, by whom and when
  (`cautions_acknowledged`); the database refuses a prescribed order whose cautions are not all
  acknowledged, as the dosing service does. Orders stored before this step are left as they were
  (a trigger fires on new rows only).
- m081: `dose_order_cautions`, a view with one row per (order, caution shown): whether it was
  acknowledged and by whom — what the pharmacist's view, the form and an auditor read.

Registered on the shared `migrations` set with its `step` decorator (imported at the bottom of
migrations.py); never edited once shipped.
"""
from __future__ import annotations

from sqlite_utils import Database

from nkdesk.storage.migrations import step


@step("m080_dose_order_cautions_acknowledged")
def m080_dose_order_cautions_acknowledged(db: Database) -> None:
    db.executescript("""
    CREATE TRIGGER dose_orders_cautions_acknowledged BEFORE INSERT ON dose_orders
    WHEN NEW.status = 'prescribed' AND (
        json_type(NEW.order_json, '$.cautions_acknowledged') IS NOT 'object'
        OR EXISTS (SELECT 1 FROM json_each(NEW.order_json, '$.label_cautions') AS shown
                   WHERE json_extract(shown.value, '$.code') NOT IN
                         (SELECT ack.value FROM json_each(NEW.order_json, '$.cautions_acknowledged.acknowledged')
                          AS ack)))
    BEGIN
        SELECT RAISE(ABORT, 'a dose order is prescribed only with every caution it shows acknowledged');
    END;
    """)


@step("m081_dose_order_cautions_view")
def m081_dose_order_cautions_view(db: Database) -> None:
    db.executescript("""
    CREATE VIEW dose_order_cautions AS
    SELECT o.id AS order_id, o.patient_id,
           json_extract(shown.value, '$.code') AS code,
           json_extract(shown.value, '$.deviation') AS deviation,
           EXISTS (SELECT 1 FROM json_each(o.order_json, '$.cautions_acknowledged.acknowledged') AS ack
                   WHERE ack.value = json_extract(shown.value, '$.code')) AS acknowledged,
           json_extract(o.order_json, '$.cautions_acknowledged.by.id') AS acknowledged_by_id,
           json_extract(o.order_json, '$.cautions_acknowledged.by.name') AS acknowledged_by,
           json_extract(o.order_json, '$.cautions_acknowledged.at_utc') AS acknowledged_at_utc
    FROM dose_orders AS o, json_each(o.order_json, '$.label_cautions') AS shown;
    """)
