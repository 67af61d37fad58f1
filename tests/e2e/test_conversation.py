"""The conversation in a real browser with JavaScript off: a question, an answer with a file, the
preview and an objection, consent per file, two approvals, withdrawal."""

import json

import pytest
from PIL import Image

from tests.e2e.navigators import reload_until, sign_in, tick_checklist

pytestmark = pytest.mark.browser


def test_a_submitter_holds_the_whole_conversation_without_javascript(demo_server, browser, tmp_path):
    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    contexts = [browser.new_context(java_script_enabled=False) for _ in range(4)]
    soldier, alice, bob, reader = (context.new_page() for context in contexts)
    for page in (soldier, alice, bob, reader):
        page.set_default_timeout(15_000)

    # Given a soldier's testimony, with files allowed
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", "Our commander Pavel Orlov kept us at the depot near Kizil for a week.")
    soldier.check("input[name=consent][value=text_media]")
    soldier.click("button[type=submit]")
    codename = soldier.locator("#codename").inner_text().strip()

    # When alice takes it and asks a question
    sign_in(alice, demo_server.url, reviewers["alice"], code=reviewers["alice"]["recovery_codes"][-5])
    alice.locator("table.queue a").last.click()
    case_url = alice.url
    alice.get_by_role("button", name="Take this case").click()
    alice.fill("#question-text", "Do you have a photo of the depot?")
    alice.get_by_role("button", name="Send the question").click()
    assert alice.locator("#case-status").inner_text() == "awaiting the submitter"
    alice.fill("#note-text", "Check the depot against the satellite images.")
    alice.get_by_role("button", name="Add the note").click()

    # Then the soldier, back with his codename, reads it (never the note) and answers with a photo
    soldier.goto(demo_server.url + "/submit/en/return/")
    soldier.fill("input[name=codename]", codename)
    soldier.click("button[type=submit]")
    assert "asked you a question" in soldier.locator("#status").inner_text()
    assert "Do you have a photo of the depot?" in soldier.locator("#conversation").inner_text()
    assert "satellite" not in soldier.content()
    photo = tmp_path / "IMG_4001.jpg"
    Image.new("RGB", (240, 160), (230, 230, 230)).save(photo, quality=95)
    soldier.fill("#reply textarea[name=text]", "Yes, here it is. It was in October.")
    soldier.set_input_files("#id_reply_files", str(photo))
    soldier.get_by_role("button", name="Send my answer").click()
    assert "Your answer was sent" in soldier.locator("#messages").inner_text()

    # And alice sees the answer and its file, prepares the case and approves it first
    alice.goto(case_url)
    assert alice.locator("#case-status").inner_text() == "in review"
    assert "It was in October." in alice.locator("#conversation").inner_text()
    reload_until(alice, "#files", "Cleaned copy")
    alice.check("input[name=publish]")
    alice.get_by_role("button", name="Save the choice for this file").click()
    alice.get_by_role("button", name="Accept all suggestions").click()
    alice.fill("input[name=title]", "A week at the depot")
    alice.select_option("select[name=language]", "en")
    alice.get_by_role("button", name="Save title, language and themes").click()
    reload_until(alice, "#files", "1 part would be published")
    alice.get_by_role("button", name="Approve what would be published").click()
    assert alice.locator("#case-status").inner_text() == "approved by one of two reviewers"

    # When the soldier looks at the preview, sees the placeholders and the photo, and objects
    soldier.goto(demo_server.url + "/submit/en/status/")
    preview = soldier.locator("#preview-text").inner_text()
    assert "[NAME 1]" in preview and "Orlov" not in preview
    assert soldier.locator("#preview img").count() == 1
    picture = soldier.request.get(demo_server.url + soldier.locator("#preview img").get_attribute("src"))
    assert picture.status == 200 and picture.headers["content-type"] == "image/jpeg"
    soldier.select_option("select[name=part]", "text")
    soldier.fill("#objection textarea[name=comment]", "The week gives away when I left: please remove it.")
    soldier.get_by_role("button", name="Send my objection").click()
    assert "Nothing will be published" in soldier.locator("#messages").inner_text()

    # Then the case is back in review, its approval void, and alice sees the objection
    alice.goto(case_url)
    assert alice.locator("#case-status").inner_text() == "in review"
    assert "please remove it" in alice.locator("#conversation").inner_text()
    alice.select_option("select[name=label]", "DATE")
    alice.fill("input[name=phrase]", "for a week")
    alice.locator("form[action$='/redactions/add/'] button").click()

    # When the soldier allows the photo's cleaned version (file by file) and alice and bob approve
    soldier.goto(demo_server.url + "/submit/en/status/")
    soldier.locator("#file-consent-1 input[value=cleaned]").check()
    soldier.locator("#file-consent-1").get_by_role("button", name="Save my choice for this file").click()
    assert "Your choice for this file was saved" in soldier.locator("#messages").inner_text()
    alice.goto(case_url)
    assert "the cleaned file" in alice.locator("#files").inner_text()
    reload_until(alice, "#files", "1 part would be published")
    alice.get_by_role("button", name="Approve what would be published").click()
    assert alice.locator("#case-status").inner_text() == "approved by one of two reviewers", alice.content()
    sign_in(bob, demo_server.url, reviewers["bob"], code=reviewers["bob"]["recovery_codes"][-5])
    bob.goto(case_url)
    tick_checklist(bob)
    bob.get_by_role("button", name="Approve what would be published").click()
    assert bob.locator("#case-status").inner_text() == "published", bob.locator("ul.messages").all_inner_texts()

    # Then the archive shows it with the photo
    reader.goto(demo_server.url + "/en/")
    reader.get_by_role("link", name="A week at the depot").click()
    testimony_url = reader.url
    assert "Orlov" not in reader.locator("article").inner_text()
    assert reader.locator("article img").count() == 1
    image_url = demo_server.url + reader.locator("article img").get_attribute("src")

    # When the soldier withdraws (asked once)
    soldier.goto(demo_server.url + "/submit/en/status/")
    soldier.get_by_role("link", name="Withdraw my testimony…").click()
    soldier.get_by_role("button", name="Withdraw my testimony").click()
    assert "withdrawn" in soldier.locator("#messages").inner_text()
    assert soldier.locator("#status").inner_text().startswith("Withdrawn")

    # Then the testimony and its photo have left the archive
    assert reader.goto(testimony_url).status == 404
    assert reader.request.get(image_url).status == 404
    reader.goto(demo_server.url + "/en/")
    assert reader.get_by_role("link", name="A week at the depot").count() == 0
    bob.goto(case_url)
    assert bob.locator("#case-status").inner_text() == "withdrawn by the submitter"
    for context in contexts:
        context.close()


def test_the_demo_s_printed_codename_opens_an_inbox_with_a_question(demo_server, browser):
    reviewers = json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())
    talk = next(r["demo_conversation"] for r in reviewers if "demo_conversation" in r)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server.url + "/submit/return/")
    page.fill("input[name=codename]", talk["codename"])
    page.click("button[type=submit]")
    assert "Можете ли вы прислать видео?" in page.locator("#conversation").inner_text()
    context.close()
