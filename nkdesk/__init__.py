"""NKDesk: ward software for the jRCTb060200020 NK-cell trial.

Importing this package does nothing but define the version: no Qt, no pint, no files touched.
"""
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("nkdesk")
except _metadata.PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"

APP_NAME = "NKDesk"
