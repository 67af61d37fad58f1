"""The WSGI application that `farewell serve` runs (all sites; FAREWELL_SITES narrows it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "farewell.settings")

application = get_wsgi_application()
