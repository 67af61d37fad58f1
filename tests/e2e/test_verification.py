"""The verification panel in a real browser with JavaScript off, against `farewell demo`: a press
article added to a case, verified by the demo's worker, the checklist ticked, two approvals."""

import datetime
import json

import pytest

from tests.e2e.navigators import reload_until, sign_in, tick_checklist

pytestmark = pytest.mark.browser

STORY = "Меня зовут Дмитрий Соколов. Мне 34 года. В сентябре 2022 года меня мобилизовали."
ARTICLE = """<!doctype html><html lang="en"><head><title>The Paper</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>A deserter speaks</h1>
<p>Dmitri Sokolov, a 36-year-old mechanic, was mobilized in September 2022.</p>
<p>He left his unit in March 2023 and crossed the border into Kazakhstan.</p></article>
<footer>© The Paper. All rights reserved.</footer></body></html>"""


def test_a_press_article_is_verified_against_the_testimony_and_the_checklist_allows_approval(
    demo_server, browser, tmp_path
):
    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    soldier, alice, bob = (browser.new_context(java_script_enabled=False).new_page() for _ in range(3))
    for page in (alice, bob):
        page.set_default_timeout(15_000)
    article = tmp_path / "the-paper.html"
    article.write_text(ARTICLE, encoding="utf-8")

    # Given a soldier's testimony, taken by alice
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", STORY)
    soldier.check("input[name=consent][value=text]")
    soldier.click("button[type=submit]")
    assert soldier.locator("#codename").inner_text().strip()
    sign_in(alice, demo_server.url, reviewers["alice"], code=reviewers["alice"]["recovery_codes"][-4])
    alice.locator("table.queue a").last.click()
    case_url = alice.url
    alice.get_by_role("button", name="Take this case").click()

    # When she adds a press article she saved from the web, and asks for a verification
    assert alice.locator("details.add-account").get_attribute("open") is not None  # open while there is none
    alice.fill("input[name=label]", "The Paper")
    # Ages are compared knowing when each account was given: the story on receipt, the article on its day.
    alice.fill("input[name=date]", (datetime.date.today() - datetime.timedelta(days=7)).isoformat())
    alice.set_input_files("input[name=file]", str(article))
    alice.get_by_role("button", name="Add the account").click()
    assert "press article — The Paper" in alice.locator("#accounts").inner_text()
    alice.get_by_role("button", name="Verify now").click()

    # Then, once the worker has read both accounts, the panel shows the man in both and the contradiction
    reload_until(alice, "#verification", "The accounts disagree on: age")
    people = alice.locator("#people").inner_text()
    assert "Sokolov" in people and "34" in people and "36" in people
    marked = alice.locator("#findings li.warning mark").all_inner_texts()
    assert "36-year-old" in marked, marked

    # And approving twice needs the checklist: alice approves, bob ticks it and approves too
    alice.fill("input[name=title]", "A mechanic from the depot")
    alice.get_by_role("button", name="Save title, language and themes").click()
    alice.get_by_role("button", name="Approve what would be published").click()
    assert alice.locator("#case-status").inner_text() == "approved by one of two reviewers"
    sign_in(bob, demo_server.url, reviewers["bob"], code=reviewers["bob"]["recovery_codes"][-4])
    bob.goto(case_url)
    bob.get_by_role("button", name="Approve what would be published").click()
    assert "Complete the case checklist" in bob.locator(".messages").inner_text()
    tick_checklist(bob)
    bob.get_by_role("button", name="Approve what would be published").click()
    assert bob.locator("#case-status").inner_text() == "published"
    for page in (soldier, alice, bob):
        page.context.close()
