"""Archive views: the newest testimonies first, and one page per testimony."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from farewell.archive.models import Testimony


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
    return render(request, "archive/testimony.html", {"testimony": item})
