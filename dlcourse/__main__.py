"""``python -m dlcourse``: the course command."""

import sys

from .cli import main

sys.exit(main())
