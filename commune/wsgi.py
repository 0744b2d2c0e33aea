"""WSGI entry point for production servers (gunicorn commune.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

from commune.i18n import compile_catalogs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commune.settings")
compile_catalogs()
application = get_wsgi_application()
