import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import Notice

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    return render(request, "pages/home.html", {"notices": Notice.objects.visible()})


@never_cache
@require_safe
def health(request):
    """For smoke tests and uptime monitors: the process answers and can reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: the database is unreachable")
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
