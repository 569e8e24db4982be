"""The pages in a real browser: Debian's chromium driven by its chromedriver (Selenium),
at a phone's 360 px width. A screenshot of each page is saved in tests/web/screenshots/
(not committed) for a person to look at."""

from __future__ import annotations

import base64
import os
import shutil
import struct
import threading
from pathlib import Path

import pytest
from web_articles import RICE_QUOTE, add_articles

from service import create_app

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH = 360


def _binaries() -> tuple[str, str]:
    browser = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    driver = CHROMEDRIVER if Path(CHROMEDRIVER).exists() else shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    if os.environ.get("CI") == "true":
        pytest.fail("chromium or chromedriver missing in CI: .ci/run installs both")
    pytest.skip("needs Debian's chromium and chromium-driver (apt-get install ...)")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The app on a free loopback port, in a thread, with the test articles added."""
    folder = tmp_path_factory.mktemp("browser")
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("KUTIP_"):
                patch.delenv(name)
        app = create_app({"DB": str(folder / "kutip.db"), "SEED_DIR": str(REPO / "seeds")})
    add_articles(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, chromedriver = _binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--lang=id",
        f"--window-size={WIDTH},800",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "id"})
    # the driver given: Selenium Manager (which would look for one online) is not run
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": 780, "deviceScaleFactor": 1, "mobile": True},
        )
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def fresh(browser):
    """The browser without the language cookie a test may have left."""
    browser.delete_all_cookies()
    return browser


def wait_for(driver, css: str):
    return WebDriverWait(driver, 20).until(
        ready.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def screenshot(driver, name: str) -> Path:
    """The whole page, 360 px wide, as tests/web/screenshots/<name>.png; fails if the page
    is wider than the phone (a reader would have to scroll sideways)."""
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name}: the page is {width} px wide"
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1},
        },
    )
    data = base64.b64decode(shot["data"])
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (WIDTH, height)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(data)
    return path


def test_type_a_speaker_and_search_then_read_the_article(fresh, base):
    driver = fresh
    driver.get(base + "/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    assert driver.find_element(By.TAG_NAME, "h1").text == "Cari kutipan"
    screenshot(driver, "search-home")

    field = driver.find_element(By.ID, "speaker")
    field.send_keys("wulan sasmita")
    field.send_keys(Keys.ENTER)
    wait_for(driver, "#results-title")
    assert "speaker=wulan+sasmita" in driver.current_url
    cards = driver.find_elements(By.CSS_SELECTOR, "ol.quotes article.quote")
    assert len(cards) == 1
    assert RICE_QUOTE in cards[0].text
    assert "Wulan Sasmita" in cards[0].text
    screenshot(driver, "search-results")

    cards[0].find_element(By.PARTIAL_LINK_TEXT, "Baca di artikel sumber").click()
    target = wait_for(driver, "mark.quote:target")
    assert "/article/" in driver.current_url
    assert target.text.replace("\n", " ") == RICE_QUOTE
    label = target.find_element(By.XPATH, "following-sibling::span[1]")
    assert label.get_attribute("class") == "tag" and label.text == "Wulan Sasmita"
    # the quote linked to stands out from the others
    other = driver.execute_script(
        "return getComputedStyle(document.querySelector('mark.quote:not(:target)')"
        " || document.body).backgroundColor"
    )
    assert target.value_of_css_property("background-color") != other
    screenshot(driver, "article")


def test_check_a_misquote_and_see_the_words_that_differ(fresh, base):
    driver = fresh
    driver.get(base + "/check")
    claim = RICE_QUOTE.replace("tidak ", "").replace("cukup", "aman")
    driver.find_element(By.ID, "quote").send_keys(claim)
    driver.find_element(By.ID, "speaker").send_keys("Wulan Sasmita")
    driver.find_element(By.CSS_SELECTOR, "form.check button[type=submit]").click()
    verdict = wait_for(driver, "#verdict")
    assert verdict.text.startswith("Kutipan ini diubah") and "Wulan Sasmita" in verdict.text
    claimed = driver.find_element(By.ID, "claimed")
    stored = driver.find_element(By.ID, "stored")
    marked_claim = [m.text for m in claimed.find_elements(By.CSS_SELECTOR, "mark.chg")]
    marked_stored = [m.text for m in stored.find_elements(By.CSS_SELECTOR, "mark.chg")]
    assert any("aman" in m for m in marked_claim), marked_claim
    assert any("cukup" in m for m in marked_stored), marked_stored
    assert any("tidak" in m for m in marked_stored), marked_stored
    # where the claim dropped "tidak": a visible gap mark
    assert claimed.find_elements(By.CSS_SELECTOR, ".chg-gap")
    for mark in claimed.find_elements(By.CSS_SELECTOR, "mark.chg"):
        assert mark.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert driver.find_element(By.CSS_SELECTOR, ".legend").is_displayed()
    # the script added the copy button for the JSON-LD
    button = driver.find_element(By.CSS_SELECTOR, "button.copy")
    assert button.text == "Salin JSON-LD"
    screenshot(driver, "check")


def test_switch_the_language(fresh, base):
    driver = fresh
    driver.get(base + "/")
    driver.find_element(By.LINK_TEXT, "English").click()
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Search quotes"
    )
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    # remembered on the next page
    driver.find_element(By.LINK_TEXT, "Check a quote").click()
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Check a quote"
    )
    screenshot(driver, "check-form-en")
    driver.find_element(By.LINK_TEXT, "Bahasa Indonesia").click()
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Cek kutipan"
    )


def test_speaker_page_draws_its_chart(fresh, base):
    driver = fresh
    driver.get(base + "/?speaker=lukashenko")
    wait_for(driver, "#results-title")
    driver.find_element(By.CSS_SELECTOR, ".who a").click()
    chart = wait_for(driver, "figure.chart svg")
    assert chart.size["width"] > 200 and chart.size["height"] > 50
    assert len(chart.find_elements(By.CSS_SELECTOR, "rect.bar")) >= 1
    assert driver.find_elements(By.CSS_SELECTOR, "ol.timeline article.quote")
    screenshot(driver, "speaker")


def test_extract_a_pasted_text(fresh, base):
    driver = fresh
    driver.get(base + "/extractor")
    text = '"Kami akan membuka tiga puskesmas baru," kata Bupati Sleman Rahmat Hidayat, Rabu.'
    driver.find_element(By.ID, "text").send_keys(text)
    driver.find_element(By.CSS_SELECTOR, "form.extract button[type=submit]").click()
    mark = wait_for(driver, "mark.quote")
    assert mark.text == "Kami akan membuka tiga puskesmas baru"
    assert "Rahmat Hidayat" in driver.find_element(By.CSS_SELECTOR, "ol.found").text
    screenshot(driver, "extract")


def test_focus_is_visible_and_errors_are_pages(fresh, base):
    driver = fresh
    driver.get(base + "/check?quote=+")
    assert "Tulis kutipan yang ingin dicek." in driver.find_element(By.ID, "quote-error").text
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.text == "Langsung ke isi"
    assert focused.value_of_css_property("outline-style") == "solid"
    assert focused.is_displayed()
    screenshot(driver, "check-empty")
    driver.get(base + "/speaker/spk_nobody")
    assert "Pembicara ini tidak ada di arsip." in driver.find_element(By.TAG_NAME, "main").text
    screenshot(driver, "not-found")
