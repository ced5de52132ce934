"""NKDesk: ward software for the jRCTb060200020 NK-cell trial.

Importing this package does nothing: no Qt, no pint, no files touched. The version is looked up
(from the installed metadata, i.e. pyproject.toml) only when asked for, because importlib.metadata
alone costs ~15 ms of start-up.
"""
APP_NAME = "NKDesk"
_FALLBACK_VERSION = "0.1.0"  # a source tree that was never installed


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("nkdesk")
        except metadata.PackageNotFoundError:
            return _FALLBACK_VERSION
    raise AttributeError(name)
