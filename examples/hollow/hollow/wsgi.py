"""WSGI entry point: gunicorn serves `hollow.wsgi:application` (see the Procfile)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hollow.settings")

application = get_wsgi_application()
