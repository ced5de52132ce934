"""The ward window: PySide6 widgets, table models and dialogs. No clinical logic lives here.

Widgets collect text, hand it to the rules and services, and show what comes back; they never
write to the database themselves. Only this package and nkdesk.app import Qt.
"""
