import shutil
import tempfile
from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.db import OperationalError
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from .models import Notice

class HomePageTests(TestCase):
    @classmethod
    def setUpClass(cls):
        # The page links its CSS through the manifest storage, as in production, so the tests build the
        # manifest the way Heroku's build does (into a throwaway folder) instead of swapping the storage.
        static_root = tempfile.mkdtemp(prefix="hollow-static-")
        cls.addClassCleanup(shutil.rmtree, static_root)
        collected = override_settings(STATIC_ROOT=static_root)
        collected.enable()
        cls.addClassCleanup(collected.disable)
        super().setUpClass()
        call_command("collectstatic", interactive=False, verbosity=0)

    def test_lists_published_notices_newest_first(self):
        now = timezone.now()
        Notice.objects.create(title="Older notice", published=now - timedelta(days=2))
        Notice.objects.create(title="Newer notice", body="Doors open at nine.", published=now - timedelta(hours=1))

        response = self.client.get(reverse("home"), secure=True)

        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertLess(content.index("Newer notice"), content.index("Older notice"))
        self.assertIn("Doors open at nine.", content)

    def test_hides_scheduled_notices(self):
        Notice.objects.create(title="Not yet", published=timezone.now() + timedelta(days=1))

        response = self.client.get(reverse("home"), secure=True)

        self.assertNotContains(response, "Not yet")
        self.assertContains(response, "No notices yet.")

    def test_links_the_hashed_stylesheet(self):
        response = self.client.get(reverse("home"), secure=True)

        self.assertRegex(response.content.decode(), r'href="/static/pages/site\.[0-9a-f]{12}\.css"')


class HealthTests(TestCase):
    def test_ok_when_the_database_answers(self):
        response = self.client.get(reverse("health"), secure=True)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})

    def test_unavailable_when_the_database_does_not_answer(self):
        with mock.patch("pages.views.connection") as connection:
            connection.cursor.side_effect = OperationalError("connection refused")
            with self.assertLogs(level="ERROR") as logs:
                response = self.client.get(reverse("health"), secure=True)

        self.assertIn("pages.views", [record.name for record in logs.records])
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "database unavailable"})

    def test_is_never_cached(self):
        response = self.client.get(reverse("health"), secure=True)

        self.assertIn("no-cache", response["Cache-Control"])


class SecurityTests(TestCase):
    def test_plain_http_is_redirected_to_https(self):
        response = self.client.get(reverse("health"))

        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))

    def test_https_responses_carry_strict_transport_security(self):
        response = self.client.get(reverse("health"), secure=True)

        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains; preload")
        self.assertEqual(response["X-Frame-Options"], "DENY")
