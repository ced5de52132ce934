"""Entry point for `python main.py …` and for the PyInstaller bundle: the same as `nkdesk …`."""
import sys

from nkdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
