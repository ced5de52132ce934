"""Long work off the UI thread: run a function in Qt's thread pool, hand its result (or error) back
on the UI thread, and show a busy indicator in the status bar meanwhile."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object)   # result, exception


class _Job(QRunnable):
    def __init__(self, fn, relay: _Relay):
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except Exception as exc:  # handed to the UI thread, which says what failed
            result, error = None, exc
        self.relay.finished.emit(result, error)


def run_in_background(fn, on_done, parent: QObject) -> _Relay:
    """Call `fn()` on a worker thread; `on_done(result, error)` runs on the UI thread afterwards.

    `fn` must not touch widgets or the Store's connection (SQLite connections belong to their thread).
    """
    relay = _Relay(parent)
    relay.finished.connect(lambda result, error: (on_done(result, error), relay.deleteLater()))
    QThreadPool.globalInstance().start(_Job(fn, relay))
    return relay
