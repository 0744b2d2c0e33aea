"""`python -m commune.budgets.rules tally FILE.pb --rule R [--json]` (no Django needed)."""

import sys

from .cli import main

sys.exit(main())
