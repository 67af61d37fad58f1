"""Archive views: the newest testimonies first, and one page per testimony."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from farewell.archive.models import PublishedPart, Testimony


@require_safe
def home(request):
    paginator = Paginator(Testimony.objects.all(), settings.FAREWELL_ARCHIVE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # The intake has its own URL configuration: reverse through the one that holds all sites.
    intake_url = reverse("intake:landing", urlconf="farewell.urls")
    return render(request, "archive/home.html", {"page": page, "intake_url": intake_url})


@require_safe
def testimony(request, public_id: str):
    item = get_object_or_404(Testimony, public_id=public_id)
    files = item.files.prefetch_related("parts")
    return render(request, "archive/testimony.html", {"testimony": item, "files": files})


@require_safe
def media(request, name: str):
    """A published part: an approved derivative, under its random name, never rendered as a page."""
    part = get_object_or_404(PublishedPart, name=name)
    path = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR) / part.name
    if not path.is_file():
        raise Http404()
    response = FileResponse(path.open("rb"), content_type=part.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response
