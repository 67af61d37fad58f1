"""Changes to reviewer accounts: invitation, enrolment, sign-in steps, grants, disabling."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from farewell.accounts import credentials, grants, throttle, totp
from farewell.accounts.models import RecoveryCode, Reviewer
from farewell.audit.chain import record


class SignInRefused(Exception):
    """Why a sign-in step failed, in words that reveal nothing about which part was wrong."""


@dataclass(frozen=True)
class Enrolled:
    reviewer: Reviewer
    private_key: bytes
    recovery_codes: list[str]


def do_invite_reviewer(name: str, *, operator_secret: str | None = None) -> tuple[Reviewer, str]:
    """Creates an invited reviewer and returns the token of his one-time enrolment link.

    The first reviewer of an instance receives the channel key from its operator-wrapped
    bootstrap copy (so operator_secret is needed once); every later one waits for a member's grant.
    """
    with transaction.atomic():
        reviewer, token = credentials.new_invitation(name)
        first = not Reviewer.objects.exclude(pk=reviewer.pk).exclude(status=Reviewer.Status.DISABLED).exists()
        bootstrapped = False
        if first and grants.has_bootstrap_copy():
            if not operator_secret:
                raise ValueError("the first reviewer receives the channel key: FAREWELL_OPERATOR_SECRET is needed")
            bootstrapped = grants.bootstrap_grant(reviewer, operator_secret)
        record("reviewer_invited", actor=None, reviewer=reviewer.pk, channel_key=bootstrapped)
    return reviewer, token


def do_enrol(token: str, *, password: str, totp_secret: str, code: str) -> Enrolled:
    """Sets the password and the second factor together; only the link's token allows it."""
    if len(password) < credentials.MIN_PASSWORD_LENGTH:
        count = credentials.MIN_PASSWORD_LENGTH
        raise SignInRefused(
            ngettext(
                "The password must have at least %(count)d character.",
                "The password must have at least %(count)d characters.",
                count,
            )
            % {"count": count}
        )
    with transaction.atomic():
        try:
            reviewer = credentials.reviewer_for_token(token)
        except credentials.EnrolmentInvalid:
            raise SignInRefused(_("This enrolment link is not valid any more. Ask for a new one.")) from None
        reviewer = Reviewer.objects.select_for_update().get(pk=reviewer.pk)
        step = totp.matching_step(totp_secret, code)
        if step is None:
            raise SignInRefused(_("The code from your authenticator app is not right. Check the time on your phone."))
        private = credentials.rewrap_with_password(reviewer, token, password)
        reviewer.totp_secret = totp.seal_secret(totp_secret, reviewer.pk)
        reviewer.totp_last_step = step
        reviewer.status = Reviewer.Status.ACTIVE
        reviewer.save()
        codes = totp.new_recovery_codes()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(reviewer=reviewer, code_mac=totp.recovery_code_mac(c)) for c in codes
        )
        if reviewer.grants.filter(key_pair=grants.active_channel()).exists():
            grants.drop_bootstrap_copy()
        record("reviewer_enrolled", actor=reviewer)
    return Enrolled(reviewer, private, codes)


def do_check_password(name: str, password: str) -> tuple[Reviewer, bytes]:
    """First sign-in step. Never signs in by itself; returns the unlocked private key."""
    if throttle.globally_throttled():
        raise SignInRefused(_("Too many failed sign-ins on this site. Wait a few minutes and try again."))
    reviewer = Reviewer.objects.filter(name=name, status=Reviewer.Status.ACTIVE).first()
    if reviewer is not None and throttle.locked(reviewer):
        raise SignInRefused(_("Too many failed sign-ins for this account. Wait a few minutes and try again."))
    private = credentials.unlock(reviewer, password)
    if private is None:
        with transaction.atomic():
            throttle.count_global_failure()
            if reviewer is not None:
                throttle.count_failure(reviewer)
        raise SignInRefused(_("The name or the password is not right."))
    return reviewer, private


def do_check_second_factor(reviewer_id: int, code: str) -> Reviewer:
    """Second sign-in step: a TOTP code (each accepted once) or an unused recovery code."""
    with transaction.atomic():
        reviewer = Reviewer.objects.select_for_update().get(pk=reviewer_id)
        if not reviewer.is_active or throttle.locked(reviewer):
            raise SignInRefused(_("Too many failed sign-ins for this account. Wait a few minutes and try again."))
        step = totp.matching_step(totp.open_secret(bytes(reviewer.totp_secret), reviewer.pk), code)
        if step is not None and step > reviewer.totp_last_step:
            reviewer.totp_last_step = step
            reviewer.save(update_fields=["totp_last_step"])
            throttle.clear(reviewer)
            record("signed_in", actor=reviewer, factor="totp")
            return reviewer
        recovery = reviewer.recovery_codes.filter(code_mac=totp.recovery_code_mac(code), used=False).first()
        if recovery is not None:
            recovery.used = True
            recovery.save(update_fields=["used"])
            throttle.clear(reviewer)
            record("signed_in", actor=reviewer, factor="recovery_code")
            return reviewer
    with transaction.atomic():
        throttle.count_global_failure()
        throttle.count_failure(Reviewer.objects.get(pk=reviewer_id))
    raise SignInRefused(_("This code is not right, or it was already used."))


def do_grant_channel(by: Reviewer, by_private: bytes, to_id: int, channel: str | None = None) -> int:
    """Gives an active reviewer the keys `by` holds of one channel (a key pair name,
    "channel:<slug>"), or of every channel he holds; returns how many keys were granted."""
    with transaction.atomic():
        to = Reviewer.objects.get(pk=to_id, status=Reviewer.Status.ACTIVE)
        count = grants.grant_all_channel_keys(by, by_private, to, channel)
        record("channel_granted", actor=by, reviewer=to.pk, keys=count, channel=channel or "all")
    return count


def do_grant_from_operator_copy(channel: str, name: str, operator_secret: str) -> None:
    """Hands a channel's key to an active reviewer from the operator-wrapped copy kept when its
    last member was disabled (or, for the organization's channel, before the first enrolment);
    the copy is then dropped."""
    with transaction.atomic():
        reviewer = Reviewer.objects.get(name=name, status=Reviewer.Status.ACTIVE)
        if not grants.bootstrap_grant(reviewer, operator_secret, channel):
            raise ValueError(f"no operator-wrapped copy of {channel} is kept: a member grants it")
        grants.drop_bootstrap_copy(channel)
        record("channel_granted", actor=None, reviewer=reviewer.pk, keys=1, channel=channel)


def do_rotate_channel_keys(channels: list[str], *, operator_secret: str | None = None) -> dict[str, int]:
    """Retires each named channel key and makes a new one for new items, held by the channel's
    active members; returns {channel: new key pair id}."""
    with transaction.atomic():
        new = {channel: grants.rotate_channel_key(operator_secret, channel).pk for channel in channels}
        record("channel_keys_rotated", actor=None, new_channel_keys=new)
    return new


def do_disable_reviewer(name: str, *, operator_secret: str | None = None) -> Reviewer:
    """Disables the account, destroys every key it held, and rotates the key of every channel whose
    active key he held, for new items."""
    with transaction.atomic():
        reviewer = Reviewer.objects.select_for_update().get(name=name)
        held = sorted(grants.held_channel_names(reviewer))
        reviewer.status = Reviewer.Status.DISABLED
        reviewer.wrapped_private = b""
        reviewer.totp_secret = None
        reviewer.email_sealed = None  # no notification for him, and no address kept
        reviewer.enrolment_token_hash = ""
        reviewer.save()
        reviewer.grants.all().delete()
        reviewer.recovery_codes.all().delete()
        new = {channel: grants.rotate_channel_key(operator_secret, channel).pk for channel in held}
        record("reviewer_disabled", actor=None, reviewer=reviewer.pk, new_channel_keys=new)
    return reviewer
