"""End to end, in a real browser with JavaScript disabled, against `farewell demo`."""

import pytest

pytestmark = pytest.mark.browser


def test_a_soldier_submits_a_testimony_and_comes_back_with_the_codename(demo_server, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    # Given the intake's landing page, in Russian although the browser asks for English
    page.goto(demo_server.url + "/submit/")
    assert page.locator("html").get_attribute("lang") == "ru"
    # When he switches to English, writes his story and chooses "text only"
    page.get_by_role("link", name="English").click()
    page.get_by_role("link", name="Tell your story", exact=True).click()
    page.fill("textarea[name=story]", "We were sent to the front without training. My call sign was Kedr.")
    page.check("input[name=consent][value=text]")
    page.click("button[type=submit]")
    # Then the receipt shows a seven-word codename, once
    codename = page.locator("#codename").inner_text().strip()
    assert len(codename.split()) == 7

    # When he comes back later with it, typed in capitals
    page.goto(demo_server.url + "/submit/en/")
    page.get_by_role("link", name="I have a codename").click()
    page.fill("input[name=codename]", codename.upper())
    page.click("button[type=submit]")
    # Then he sees the status of his testimony in plain words
    assert page.locator("#status").inner_text() == "Received. Your testimony is waiting for a reviewer."
    # And when he leaves, the status is no longer reachable
    page.get_by_role("button", name="Leave").click()
    page.goto(demo_server.url + "/submit/en/status/")
    assert page.url.endswith("/submit/en/return/")

    assert all(url.startswith(demo_server.url) for url in requests), "a page loaded a third-party resource"


def test_a_form_with_a_mistake_keeps_what_was_written(demo_server, page):
    page.goto(demo_server.url + "/submit/fr/testimony/")
    page.fill("textarea[name=story]", "Texte à garder")
    page.click("button[type=submit]")  # no consent chosen: the browser itself asks, without script
    assert page.locator("#codename").count() == 0
    assert page.locator("textarea[name=story]").input_value() == "Texte à garder"
    page.check("input[name=consent][value=verification]")
    page.click("button[type=submit]")
    assert len(page.locator("#codename").inner_text().split()) == 7


def test_a_reader_browses_the_demo_archive_in_three_languages(demo_server, page):
    page.goto(demo_server.url + "/")
    titles = page.locator(".testimonies h3 a").all_inner_texts()
    assert {"Письмо матери", "Crossing the border at night", "L'exil n'est pas une fin"} <= set(titles)
    page.get_by_role("link", name="Crossing the border at night").click()
    assert "The crossing took eleven hours" in page.locator("article").inner_text()
    page.locator("nav.languages").get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "/fr/t/" in page.url
    assert page.context.cookies() == []  # the archive set no cookie


def test_a_reader_searches_browses_a_theme_and_finds_how_a_testimony_was_verified(demo_server, page):
    # Given the archive in English, with JavaScript off (the page fixture's default)
    page.goto(demo_server.url + "/en/")
    # When he searches an inflected form
    page.fill("input[name=q]", "borders")
    page.click("form[role=search] button[type=submit]")
    # Then the testimony is found, the word highlighted
    assert "/en/search/?q=borders" in page.url
    assert page.locator(".results mark").first.inner_text().lower() == "border"
    # And from it he goes to a theme, and to a related testimony
    page.locator(".results h3 a").first.click()
    assert "Approved by 2 reviewers" in page.locator(".verification").inner_text()
    assert page.locator(".share a", has_text="Telegram").get_attribute("href").startswith("https://t.me/share/url?")
    page.locator("article").get_by_role("link", name="Exile").click()
    assert page.locator("h1").inner_text() == "Exile"
    page.get_by_role("link", name="L'exil n'est pas une fin").first.click()
    assert "/en/t/demo-fr-2/" in page.url
    # And a search in Russian finds Russian inflections
    page.goto(demo_server.url + "/search/?q=" + "повестки")
    assert "Повестку принесли на работу" in page.locator(".results").inner_text()
