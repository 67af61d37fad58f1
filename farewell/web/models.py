"""Session tables, one per site that keeps sessions, so no session key is valid on another site."""

from django.contrib.sessions.base_session import AbstractBaseSession


class IntakeSession(AbstractBaseSession):
    class Meta:
        db_table = "farewell_intake_session"


class ReviewSession(AbstractBaseSession):
    class Meta:
        db_table = "farewell_review_session"
