"""`python -m commune.sortition.core draw …`: the draw without Django."""

import sys

from commune.sortition.core.cli import main

sys.exit(main())
