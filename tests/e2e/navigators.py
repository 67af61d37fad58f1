"""What a reviewer does in the browser, step by step, shared by the end-to-end tests."""

import time

import pyotp

CHECKLIST = (
    "Identity consistent across the accounts",
    "Timeline consistent, with public events too",
    "Unit and places plausible",
    "Risk flags resolved (routed to legal documentation where needed)",
)


def sign_in(page, base, reviewer, code=None):
    page.goto(base + "/review/en/sign-in/")
    page.fill("input[name=name]", reviewer["name"])
    page.fill("input[name=password]", reviewer["password"])
    page.get_by_role("button", name="Continue").click()
    # A code of the next time step: the demo's enrolment used the current one.
    page.fill("input[name=code]", code or pyotp.TOTP(reviewer["totp_secret"]).at(time.time() + 30))
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/review/en/"), page.content()


def reload_until(page, selector, text, seconds=90):
    deadline = time.monotonic() + seconds
    while text not in page.locator(selector).inner_text() and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    assert text in page.locator(selector).inner_text(), page.locator(selector).inner_text()


def tick_checklist(page):
    """Ticks the four items of the case checklist, which the second approval needs."""
    for item in CHECKLIST:
        page.get_by_role("button", name=f"Tick: {item}").click()
    assert page.locator("#checklist").inner_text().count("ticked by") == len(CHECKLIST)
