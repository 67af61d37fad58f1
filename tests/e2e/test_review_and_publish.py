"""The whole path in a real browser: submit (no JavaScript) → two reviewers → archive → status."""

import json
import re
import time

import pytest

from tests.e2e.navigators import reload_until, sign_in, tick_checklist

pytestmark = pytest.mark.browser


def test_a_testimony_goes_from_the_intake_through_two_reviewers_to_the_archive(demo_server, browser):
    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    contexts = [browser.new_context(java_script_enabled=False) for _ in range(3)]
    soldier, alice, bob = (context.new_page() for context in contexts)
    for page in (soldier, alice, bob):
        page.set_default_timeout(15_000)

    # Given a soldier who sends his testimony with JavaScript off
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", "My commander Igor Somov sent us to Chebarkul without any training.")
    soldier.check("input[name=consent][value=text]")
    soldier.click("button[type=submit]")
    codename = soldier.locator("#codename").inner_text().strip()

    # When alice takes the case, hides the names and approves
    sign_in(alice, demo_server.url, reviewers["alice"])
    alice.locator("table.queue a").last.click()
    case_url = alice.url
    alice.get_by_role("button", name="Take this case").click()
    # The pipeline suggests the name and the town; alice accepts them all…
    suggestions = alice.locator("#suggestions").inner_text()
    assert "Igor Somov" in suggestions and "Chebarkul" in suggestions
    alice.get_by_role("button", name="Accept all suggestions").click()
    # …and hides one more detail by hand (the form that works without JavaScript).
    alice.select_option("select[name=label]", "OTHER")
    alice.fill("input[name=phrase]", "without any training")
    alice.locator("form[action$='/redactions/add/'] button").click()
    alice.fill("input[name=title]", "Sent without training")
    alice.select_option("select[name=language]", "en")
    alice.get_by_label("Mobilization").check()
    alice.get_by_label("The front").check()
    alice.get_by_role("button", name="Save title, language and themes").click()
    assert "[NAME 1]" in alice.locator("#derived").inner_text()
    alice.get_by_role("button", name="Approve what would be published").click()
    assert alice.locator("#case-status").inner_text() == "approved by one of two reviewers"

    # And bob, another reviewer, approves the same content
    sign_in(bob, demo_server.url, reviewers["bob"])
    bob.goto(case_url)
    tick_checklist(bob)
    bob.get_by_role("button", name="Approve what would be published").click()
    assert bob.locator("#case-status").inner_text() == "published"

    # Then the archive shows the anonymized text, never the names
    soldier.goto(demo_server.url + "/en/")
    soldier.get_by_role("link", name="Sent without training").click()
    article = soldier.locator("article").inner_text()
    assert "[NAME 1] sent us to [PLACE 1] [REDACTED 1]" in article
    assert not re.search("Somov|Chebarkul", article)
    # …under its themes, with how it was verified, and found by search in another form
    soldier.locator("article").get_by_role("link", name="The front").click()
    assert "Sent without training" in soldier.locator("main").inner_text()
    soldier.get_by_role("link", name="Sent without training").first.click()
    assert "Approved by 2 reviewers" in soldier.locator(".verification").inner_text()
    assert "alice" not in soldier.content() and "bob" not in soldier.content()
    soldier.goto(demo_server.url + "/en/search/?q=trained")
    assert "Sent without training" in soldier.locator(".results").inner_text()

    # And the soldier, back with his codename, reads that it was published
    soldier.goto(demo_server.url + "/submit/en/return/")
    soldier.fill("input[name=codename]", codename)
    soldier.click("button[type=submit]")
    assert (
        soldier.locator("#status").inner_text() == "Published in the archive, without anything that could identify you."
    )
    for context in contexts:
        context.close()


def test_selecting_words_fills_in_their_positions_when_javascript_is_on(demo_server, browser):
    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    soldier = browser.new_context(java_script_enabled=False).new_page()
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", "We waited at the depot near Kizil for three days.")
    soldier.check("input[name=consent][value=text]")
    soldier.click("button[type=submit]")
    soldier.locator("#codename").inner_text()

    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Recovery codes: the other test of this module may have used this time step's TOTP code.
    page.goto(demo_server.url + "/review/en/sign-in/")
    page.fill("input[name=name]", "bob")
    page.fill("input[name=password]", reviewers["bob"]["password"])
    page.get_by_role("button", name="Continue").click()
    page.fill("input[name=code]", reviewers["bob"]["recovery_codes"][0])
    page.get_by_role("button", name="Sign in").click()
    page.locator("table.queue a").last.click()
    page.get_by_role("button", name="Take this case").click()
    page.evaluate(
        """() => {
            const original = document.getElementById("original");
            const node = [...original.querySelectorAll("[data-start]")].find(n => n.textContent.includes("depot"));
            const text = node.firstChild, at = text.textContent.indexOf("depot");
            const range = document.createRange();
            range.setStart(text, at);
            range.setEnd(text, at + "depot".length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            original.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }"""
    )
    story = "We waited at the depot near Kizil for three days."
    assert page.input_value("#id_start") == str(story.index("depot"))
    assert page.input_value("#id_end") == str(story.index("depot") + len("depot"))
    page.locator("form[action$='/redactions/add/'] button").click()
    assert "depot" not in page.locator("#derived").inner_text()
    context.close()


def test_a_photo_sent_with_a_testimony_is_cleaned_by_the_demo_s_worker(demo_server, browser, tmp_path):
    from farewell.testing.media import photo_with_metadata

    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    soldier, alice = (browser.new_context(java_script_enabled=False).new_page() for _ in range(2))
    # Given a soldier who attaches a photo his phone tagged with its position
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", "The photo shows our position near the river.")
    soldier.check("input[name=consent][value=text_media]")
    soldier.set_input_files("input[type=file]", str(photo_with_metadata(tmp_path / "IMG_2231.jpg")))
    soldier.click("button[type=submit]")
    assert soldier.locator("#codename").inner_text().strip()

    # When a reviewer opens the case, the worker has cleaned it (reloading until it has)
    # (a recovery code: the other tests may have used this time step's TOTP code, which is single-use)
    sign_in(alice, demo_server.url, reviewers["alice"], code=reviewers["alice"]["recovery_codes"][-1])
    alice.locator("table.queue a").last.click()
    deadline = time.monotonic() + 60
    while "Cleaned copy" not in alice.locator("#files").inner_text() and time.monotonic() < deadline:
        time.sleep(0.5)
        alice.reload()

    # Then the case page offers the cleaned copy and lists what was removed
    files = alice.locator("#files").inner_text()
    assert "IMG_2231.jpg" in files and "Cleaned copy: cleaned-1.jpg" in files, files
    alice.locator("#files details summary").click()
    assert "GPSLatitude" in alice.locator("#files details").inner_text()


def test_a_photo_is_published_with_a_box_burned_in_and_seen_in_the_archive(demo_server, browser, tmp_path):
    import io

    import numpy as np
    from PIL import Image

    from farewell.testing.media import photo_with_metadata

    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    soldier, alice, bob, reader = (browser.new_context(java_script_enabled=False).new_page() for _ in range(4))
    photo = photo_with_metadata(tmp_path / "IMG_3001.jpg", size=(240, 160))
    Image.new("RGB", (240, 160), (235, 235, 235)).save(photo, quality=95)
    # Given a soldier who sends a photo and consents to publishing it once anonymized
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", "The photo shows the depot where the tank stood.")
    soldier.check("input[name=consent][value=text_media]")
    soldier.set_input_files("input[type=file]", str(photo))
    soldier.click("button[type=submit]")

    # When alice chooses to publish it and covers a corner with a box typed in percent (no JavaScript)
    sign_in(alice, demo_server.url, reviewers["alice"], code=reviewers["alice"]["recovery_codes"][-2])
    alice.locator("table.queue a").last.click()
    alice.get_by_role("button", name="Take this case").click()
    reload_until(alice, "#files", "Cleaned copy")
    alice.check("input[name=publish]")
    alice.get_by_role("button", name="Save the choice for this file").click()
    for name, value in {"x": "0", "y": "0", "w": "50", "h": "50"}.items():
        alice.fill(f"form.box-form input[name={name}]", value)
    alice.get_by_role("button", name="Add the box").click()
    alice.fill("input[name=title]", "The depot")
    alice.get_by_role("button", name="Save title, language and themes").click()
    # Then the preview, made on the server, shows the box before anyone approves
    reload_until(alice, "#files", "1 part would be published")
    assert alice.locator("#files img.preview").count() == 1
    alice.get_by_role("button", name="Approve what would be published").click()

    # And once bob approves too, the archive shows the photo with the corner black, no metadata left
    sign_in(bob, demo_server.url, reviewers["bob"], code=reviewers["bob"]["recovery_codes"][-2])
    bob.goto(alice.url)
    tick_checklist(bob)
    bob.get_by_role("button", name="Approve what would be published").click()
    reader.goto(demo_server.url + "/en/")
    reader.get_by_role("link", name="The depot").click()
    source = reader.locator("article img").get_attribute("src")
    picture = reader.request.get(demo_server.url + source)
    grey = np.asarray(Image.open(io.BytesIO(picture.body())).convert("L"), dtype=float)
    assert grey[5:75, 5:115].max() < 30 and grey[90:, 130:].min() > 200
    assert "GPS" not in json.dumps(dict(Image.open(io.BytesIO(picture.body())).getexif()))


def test_dragging_over_a_preview_fills_in_the_box_when_javascript_is_on(demo_server, browser, tmp_path):
    from PIL import Image

    reviewers = {r["name"]: r for r in json.loads((demo_server.data_dir / "demo-reviewers.json").read_text())}
    soldier = browser.new_context(java_script_enabled=False).new_page()
    photo = tmp_path / "IMG_3002.jpg"
    Image.new("RGB", (400, 200), (200, 200, 200)).save(photo)
    soldier.goto(demo_server.url + "/submit/en/testimony/")
    soldier.fill("textarea[name=story]", "A photo of the barracks.")
    soldier.check("input[name=consent][value=text_media]")
    soldier.set_input_files("input[type=file]", str(photo))
    soldier.click("button[type=submit]")

    alice = browser.new_context().new_page()  # JavaScript on: the reviewer workspace's own script
    sign_in(alice, demo_server.url, reviewers["alice"], code=reviewers["alice"]["recovery_codes"][-3])
    alice.locator("table.queue a").last.click()
    alice.get_by_role("button", name="Take this case").click()
    reload_until(alice, "#files", "boxes are black and numbered")
    preview = alice.locator("img.preview").first
    preview.scroll_into_view_if_needed()
    area = preview.bounding_box()
    alice.mouse.move(area["x"] + area["width"] * 0.25, area["y"] + area["height"] * 0.5)
    alice.mouse.down()
    alice.mouse.move(area["x"] + area["width"] * 0.75, area["y"] + area["height"] * 0.9, steps=5)
    alice.mouse.up()
    values = {name: float(alice.locator(f"form.box-form input[name={name}]").input_value()) for name in "xywh"}
    assert abs(values["x"] - 25) < 3 and abs(values["y"] - 50) < 3, values
    assert abs(values["w"] - 50) < 3 and abs(values["h"] - 40) < 3, values
    alice.get_by_role("button", name="Add the box").click()
    assert "25%, 50%" in alice.locator("#files ol.boxes").inner_text()
