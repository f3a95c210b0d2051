package com.dcbeacon.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every page of the web portal must pass in the browser: axe-core (the script Deque packages for Selenium, read
 * from the test classpath and injected into the page; nothing downloaded) finds no serious or critical violation; and
 * what it weighs (bytes transferred for the page and what it loads) and how soon it is interactive, measured from the
 * browser's navigation timing. A screenshot of each page goes to {@code target/screenshots}.
 */
final class PageChecks {

    private static final String AXE = axeScript();
    private final Path screenshots;
    private final List<String> measured = new ArrayList<>();

    PageChecks(Path screenshots) {
        this.screenshots = screenshots;
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the page the browser shows now, saves its screenshot as {@code name.png} and notes its weight. */
    void check(ChromeDriver driver, String name) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeScript(AXE);
        String answer = (String) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.map(n => n.target.join(' '))})))))
                  .catch(e => done(JSON.stringify({error: String(e)})));
                """);
        JsonNode violations = read(answer);
        assertThat(violations.isArray())
                .as("axe-core ran on %s: %s", name, answer)
                .isTrue();
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : violations) {
            String impact = violation.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(violation.toString());
            }
        }
        assertThat(serious)
                .as("serious or critical accessibility violations on %s (%s)", name, driver.getCurrentUrl())
                .isEmpty();
        screenshot(driver, name);
        JsonNode weight = read((String) driver.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                const resources = performance.getEntriesByType('resource');
                return JSON.stringify({
                  bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
                  decodedBytes: nav.decodedBodySize + resources.reduce((sum, r) => sum + r.decodedBodySize, 0),
                  requests: 1 + resources.length,
                  interactiveMs: Math.round(nav.domInteractive - nav.startTime)});
                """));
        String line = String.format(
                "%-12s %6d bytes transferred (%d decoded), %d requests, interactive after %d ms, %d minor axe findings",
                name,
                weight.path("bytes").asLong(),
                weight.path("decodedBytes").asLong(),
                weight.path("requests").asInt(),
                weight.path("interactiveMs").asLong(),
                violations.size());
        measured.add(line);
        System.out.println("[portal] " + line);
    }

    List<String> measured() {
        return measured;
    }

    private void screenshot(ChromeDriver driver, String name) {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeScript() {
        try (InputStream in = PageChecks.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
