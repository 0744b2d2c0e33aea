"""Settings for the test suite: the real settings, in demo mode, with fast and local parts."""

import os
import tempfile

os.environ.setdefault("COMMUNE_DEMO", "1")
os.environ.setdefault("COMMUNE_DATA_DIR", tempfile.mkdtemp(prefix="commune-test-"))

from commune.i18n import compile_catalogs
from commune.settings import *  # noqa: F403

# Compiled here, before Django loads the catalogs, so a fresh checkout tests in French.
compile_catalogs()

# Argon2 is the production hasher (a test checks it); tests hash with a fast one.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
