"""Shared test setup: Qt runs headless everywhere (CI and developer machines alike)."""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The lint cache of a test run lives in a throw-away folder, never in the user's cache.
os.environ.setdefault("FOUNDRY_CACHE_DIR", tempfile.mkdtemp(prefix="foundry-test-cache-"))

# QSettings() with no file (the app's default) lands here, never in the user's own config.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="foundry-test-config-")

# Crash-recovery records (the platform data folder) of a test run stay out of the user's.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="foundry-test-data-")

# Lets every test module, at any depth, `import helpers`.
sys.path.insert(0, str(Path(__file__).parent))
