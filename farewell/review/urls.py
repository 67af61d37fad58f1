"""URLs of the reviewer workspace, mounted at /review/."""

from django.urls import path

from farewell.review import conversation_views, evidence_views, file_views, verification_views, views, workflow_views
from farewell.web.sites import REVIEW
from farewell.web.urls import site_patterns

handler400 = "farewell.web.views.bad_request"
handler404 = "farewell.web.views.not_found"
handler500 = "farewell.web.views.server_error"

urlpatterns = site_patterns(
    REVIEW.mount,
    [
        path("", views.queue, name="queue"),
        path("sign-in/", views.sign_in, name="sign_in"),
        path("sign-in/code/", views.second_factor, name="second_factor"),
        path("sign-out/", views.sign_out, name="sign_out"),
        path("enrol/<str:token>/", views.enrol, name="enrol"),
        path("cases/<int:case_id>/", views.case_page, name="case"),
        path("cases/<int:case_id>/redactions/add/", views.add_redactions, name="add_redactions"),
        path(
            "cases/<int:case_id>/redactions/<int:redaction_id>/remove/", views.remove_redaction, name="remove_redaction"
        ),
        path(
            "cases/<int:case_id>/redactions/<int:redaction_id>/placeholder/",
            views.edit_placeholder,
            name="edit_placeholder",
        ),
        path("cases/<int:case_id>/publication/", views.edit_publication, name="edit_publication"),
        path("cases/<int:case_id>/suggestions/", views.decide_suggestions, name="suggestions"),
        path("cases/<int:case_id>/files/<int:attachment_id>/", views.download, name="download"),
        path("cases/<int:case_id>/files/<int:attachment_id>/cleaned/", views.download_cleaned, name="download_cleaned"),
        path("cases/<int:case_id>/files/<int:attachment_id>/choice/", file_views.file_choice, name="file_choice"),
        path(
            "cases/<int:case_id>/files/<int:attachment_id>/transcript/",
            file_views.file_transcript,
            name="file_transcript",
        ),
        path("cases/<int:case_id>/files/<int:attachment_id>/boxes/add/", file_views.add_box, name="add_box"),
        path("cases/<int:case_id>/files/<int:attachment_id>/boxes/found/", file_views.cover_found, name="cover_found"),
        path(
            "cases/<int:case_id>/files/<int:attachment_id>/boxes/<int:number>/remove/",
            file_views.remove_box,
            name="remove_box",
        ),
        path(
            "cases/<int:case_id>/files/<int:attachment_id>/renditions/<int:rendition_id>/",
            file_views.rendition,
            name="rendition",
        ),
        path("cases/<int:case_id>/evidence/", evidence_views.export_evidence, name="export_evidence"),
        path("cases/<int:case_id>/evidence/download/", evidence_views.download_evidence, name="download_evidence"),
        path("cases/<int:case_id>/accounts/add/", verification_views.add_account, name="add_account"),
        path(
            "cases/<int:case_id>/accounts/<int:account_id>/remove/",
            verification_views.remove_account,
            name="remove_account",
        ),
        path("cases/<int:case_id>/verification/", verification_views.verify, name="verify"),
        path("cases/<int:case_id>/checklist/", verification_views.check, name="check"),
        path("cases/<int:case_id>/conversation/ask/", conversation_views.ask, name="ask"),
        path("cases/<int:case_id>/conversation/note/", conversation_views.note, name="note"),
        path("cases/<int:case_id>/assignee/", workflow_views.assign, name="assign"),
        path("cases/<int:case_id>/tags/add/", workflow_views.add_tag, name="add_tag"),
        path("cases/<int:case_id>/tags/<int:tag_id>/remove/", workflow_views.remove_tag, name="remove_tag"),
        path("cases/<int:case_id>/<str:action>/", views.case_action, name="case_action"),
        path("team/", views.team, name="team"),
    ],
    namespace="review",
)
