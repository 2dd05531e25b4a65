"""Allow `python -m foundry_app`."""

import sys

from foundry_app.cli import main

if __name__ == "__main__":  # process-pool workers may import this module again
    sys.exit(main())
