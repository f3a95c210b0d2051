package com.dcbeacon.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the web portal's browser tests do on a page: open a browser, navigate, fill fields, wait for an element. */
final class PortalPages {

    /** How long a page may take to appear: a form's answer may wait on the services behind it. */
    static final Duration PAGE_WAIT = Duration.ofSeconds(90);

    private PortalPages() {}

    static void navigate(ChromeDriver page, By control) {
        navigate(page, awaitElement(page, control));
    }

    static void navigate(ChromeDriver page, WebElement control) {
        WebElement old = page.findElement(By.tagName("html"));
        control.click();
        // gone: stale, or (a race in the driver while the page is replaced) no longer in any document
        new WebDriverWait(page, PAGE_WAIT).until(d -> {
            try {
                old.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
    }

    /** Fills the portal's sign-up form (postal code 1011AB) and sends it. */
    static void signUp(ChromeDriver page, String name, String email, String street, String city, String country) {
        fill(page, "name", name);
        fill(page, "email", email);
        fill(page, "line1", street);
        fill(page, "city", city);
        fill(page, "postalCode", "1011AB");
        fill(page, "country", country);
        navigate(page, By.id("sign-up"));
    }

    static void fill(ChromeDriver page, String id, String text) {
        WebElement field = awaitElement(page, By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static WebElement awaitElement(ChromeDriver page, By by) {
        return new WebDriverWait(page, PAGE_WAIT).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** A fresh browser; in CI a missing browser fails the test, elsewhere it is skipped saying what to install. */
    static SignInBrowser browser() {
        Optional<String> missing = SignInBrowser.missing();
        if (missing.isPresent()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("no browser for the portal tests in CI: " + missing.get());
            }
            Assumptions.abort("no browser for the portal tests: " + missing.get());
        }
        return SignInBrowser.open(Path.of(System.getProperty("dcbeacon.system.work", "target/system"), "browsers"));
    }
}
