"""The evidence export on the review site: POST makes the archive and answers with a page that
shows its passphrase once; that page's button downloads it once, within ten minutes.

The passphrase is in that one response only: not in the session, a message, a URL or a log.
The download token travels in a POST body, never in a URL that a proxy or a history could keep.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_POST

from farewell.cases.models import Case
from farewell.review import actions, evidence_downloads
from farewell.review.session import reviewer_required


@require_POST
@reviewer_required
@sensitive_variables("made")
def export_evidence(request, case_id: int):
    case = get_object_or_404(Case, pk=case_id)
    try:
        made = actions.do_export_evidence(case.pk, request.desk)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("review:case", case_id=case.pk)
    return render(
        request,
        "review/evidence_ready.html",
        {
            "case": case,
            "passphrase": made.passphrase,
            "token": made.token,
            "size": made.archive.size,
            "archive_sha256": made.archive.archive_sha256,
            "minutes": evidence_downloads.LINK_SECONDS // 60,
        },
    )


@require_POST
@reviewer_required
def download_evidence(request, case_id: int):
    case = get_object_or_404(Case, pk=case_id)
    handle = evidence_downloads.claim(case.pk, request.desk.reviewer.pk, request.POST.get("token", ""))
    if handle is None:
        return render(request, "review/evidence_gone.html", {"case": case}, status=404)
    response = FileResponse(
        handle, as_attachment=True, filename=f"farewell-case-{case.pk}-evidence.zip", content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
