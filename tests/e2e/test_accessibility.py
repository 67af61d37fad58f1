"""WCAG 2.1 AA, checked by axe-core in Debian's chromium, on the archive, the intake and the
static mirror; and what a page load fetches: nothing from another origin, no script.

axe-core comes from the npm registry (package.json, installed by `make test`). The sites send a
strict Content-Security-Policy and readers browse with JavaScript off, so axe runs in a separate
context of its own: JavaScript on and the policy bypassed, only to inject and run the audit.
Nothing else differs, since the pages hold no script (checked before each audit).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from farewell.testing.server import run_farewell

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe leaves these for review, as a script could still add the element an attribute points to.
# These pages have no script: what is missing now is missing for good.
FINAL_WITHOUT_SCRIPTS = {"aria-valid-attr-value"}

ARCHIVE = [
    "/",
    "/en/",
    "/fr/",
    "/t/demo-ru-1/",
    "/en/t/demo-en-2/",
    "/fr/t/demo-fr-1/",
    "/en/theme/desertion/",
    "/year/2026/",
    "/fr/language/ru/",
    "/en/search/?q=border",
    "/search/?q=абракадабра",
    "/en/search/?q=border&year=1999",  # a year nothing was published in: the form shows its error
]
INTAKE = ["/submit/", "/submit/en/", "/submit/en/testimony/", "/submit/fr/return/"]


@pytest.fixture(scope="module")
def auditor(browser):
    """A context only for the audit: JavaScript on and the CSP bypassed, so that axe can run."""
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE} is missing): run `make test`, or `npm ci` at the repository root."
        )
    context = browser.new_context(java_script_enabled=True, bypass_csp=True, locale="en-US")
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def audit_page(auditor):
    page = auditor.new_page()
    yield page
    page.close()


def open_and_audit(page, url: str, same_origin: str) -> tuple[list[str], list[dict]]:
    """Loads url; returns what went wrong with the load (see load) and axe's violations."""
    problems = load(page, url, same_origin)
    return problems, axe(page)


def load(page, url: str, same_origin: str) -> list[str]:
    """Loads url; returns what the load fetched outside same_origin, as a script, or failed to
    fetch, scripts in the page, and stylesheets that did not load with their rules."""
    fetched, failed = [], []

    def record(request):
        fetched.append(request)

    def record_failure(request):
        failed.append(request)

    page.on("request", record)
    page.on("requestfailed", record_failure)
    page.goto(url)
    page.wait_for_load_state("load")
    page.remove_listener("request", record)
    page.remove_listener("requestfailed", record_failure)
    problems = [f"{r.resource_type} from another origin: {r.url}" for r in fetched if not r.url.startswith(same_origin)]
    problems += [f"script: {request.url}" for request in fetched if request.resource_type == "script"]
    problems += [f"{request.resource_type} did not load: {request.url} ({request.failure})" for request in failed]
    if scripts := page.evaluate("document.scripts.length"):
        problems.append(f"{scripts} script element(s) in the page")
    # lang="" is "unknown language": a screen reader reads the part with whatever voice it has.
    unknown = page.eval_on_selector_all("[lang='']", "all => all.map(element => element.outerHTML)")
    problems += [f"empty lang on {html}" for html in unknown]
    linked = page.evaluate("[...document.querySelectorAll('link[rel~=stylesheet]')].map(link => link.href)")
    rules = stylesheet_rules(page)
    problems += [f"stylesheet without rules: {href} ({rules.get(href)})" for href in linked if not rules.get(href)]
    if not linked or page.evaluate("document.styleSheets.length") != len(linked):
        problems.append(f"stylesheets: {linked} linked, {page.evaluate('document.styleSheets.length')} in the page")
    return problems


def axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations in the page as it is now, with the incomplete results
    that are final in a page without scripts."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    final = [result for result in results["incomplete"] if result["id"] in FINAL_WITHOUT_SCRIPTS]
    return results["violations"] + final


def stylesheet_rules(page) -> dict[str, int]:
    """How many rules each stylesheet the page loaded holds, by address. From file:// pages
    (an opaque origin) document.styleSheets refuses to show its rules, so they are read through
    the DevTools protocol; a sheet that failed to load has no text there."""
    session = page.context.new_cdp_session(page)
    headers = []
    session.on("CSS.styleSheetAdded", lambda event: headers.append(event["header"]))
    session.send("DOM.enable")
    session.send("CSS.enable")  # announces the sheets already in the page before it returns
    rules = {}
    for header in headers:
        if header["origin"] == "regular" and header["sourceURL"] != page.url:  # not inline, not failed
            text = session.send("CSS.getStyleSheetText", {"styleSheetId": header["styleSheetId"]})["text"]
            rules[header["sourceURL"]] = page.evaluate(COUNT_RULES, text)
    session.detach()
    return rules


COUNT_RULES = "text => { const sheet = new CSSStyleSheet(); sheet.replaceSync(text); return sheet.cssRules.length; }"


def report(url: str, violations: list[dict]) -> str:
    """Every violation with its rule, impact, help and the offending nodes, to fix it from here."""
    lines = [f"{url}: {len(violations)} WCAG 2.1 AA violation(s) found by axe-core"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'], ensure_ascii=False)}: {node['html']}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize("path", ARCHIVE + INTAKE)
def test_the_page_meets_wcag_21_aa_and_loads_nothing_from_elsewhere(demo_server, audit_page, path):
    problems, violations = open_and_audit(audit_page, demo_server.url + path, demo_server.url + "/")
    assert audit_page.title(), f"{path} did not load"
    assert not violations, report(path, violations)
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_a_form_sent_back_with_a_mistake_meets_wcag_21_aa(demo_server, audit_page):
    """The error is announced with its field: what aria-describedby names is in the page."""
    audit_page.goto(demo_server.url + "/submit/en/return/")
    audit_page.fill("input[name=codename]", "nobody was ever given these words")
    audit_page.click("button[type=submit]")
    assert audit_page.locator("#id_codename_error").inner_text().startswith("We do not know this codename")
    violations = axe(audit_page)
    assert not violations, report("/submit/en/return/ (wrong codename)", violations)


@pytest.fixture(scope="module")
def mirror(demo_server, tmp_path_factory) -> Path:
    """`farewell export-static` of the demo archive, run as the demo runs (its data directory)."""
    folder = tmp_path_factory.mktemp("mirror")
    done = run_farewell(demo_server.data_dir, "export-static", str(folder), cwd=tmp_path_factory.mktemp("elsewhere"))
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


@pytest.mark.parametrize("file", ["index.html", "t/demo-ru-1/index.html", "en/t/demo-en-2/index.html"])
def test_the_static_mirror_meets_wcag_21_aa_from_file_urls(mirror, audit_page, file):
    url = (mirror / file).as_uri()
    problems, violations = open_and_audit(audit_page, url, mirror.as_uri() + "/")
    assert not violations, report(file, violations)
    assert not problems, f"{file}:\n" + "\n".join(problems)


def test_a_reader_follows_the_mirror_s_relative_links_from_file_urls(mirror, page):
    page.goto((mirror / "index.html").as_uri())
    page.get_by_role("link", name="Crossing the border at night").click()
    assert page.url == (mirror / "t" / "demo-en-2" / "index.html").as_uri()
    assert "The crossing took eleven hours" in page.locator("article").inner_text()
    # Its stylesheet, found by a relative link too: the header is laid out as a flex row.
    assert page.locator("header.top").evaluate("element => getComputedStyle(element).display") == "flex"
    page.get_by_role("link", name="English").click()
    assert page.url == (mirror / "en" / "t" / "demo-en-2" / "index.html").as_uri()
    assert page.locator("html").get_attribute("lang") == "en"
