"""ASGI entry point for production servers (uvicorn or granian commune.asgi)."""

import os

from django.core.asgi import get_asgi_application

from commune.i18n import compile_catalogs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commune.settings")
compile_catalogs()
application = get_asgi_application()
