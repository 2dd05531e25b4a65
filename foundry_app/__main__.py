"""Allow `python -m foundry_app`."""

import sys

from foundry_app.cli import main

sys.exit(main())
