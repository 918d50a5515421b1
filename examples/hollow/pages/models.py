from django.db import models
from django.utils import timezone


class NoticeQuerySet(models.QuerySet):
    def visible(self):
        """Notices whose publication time has come; later ones are scheduled, not shown yet."""
        return self.filter(published__lte=timezone.now())


class Notice(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    published = models.DateTimeField(default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published"]

    def __str__(self):
        return self.title
