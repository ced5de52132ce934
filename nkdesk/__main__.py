"""`python -m nkdesk …`: the same as the `nkdesk` console script."""
import sys

from nkdesk.cli import main

sys.exit(main())
