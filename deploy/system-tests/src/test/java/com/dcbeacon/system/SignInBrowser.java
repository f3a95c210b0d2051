package com.dcbeacon.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A member's browser at the identity provider's sign-in pages: the system's Chromium, headless, driven through the
 * system's chromedriver (nothing is downloaded: both paths are given, so Selenium Manager never runs), with a fresh
 * profile and a virtual authenticator (CTAP2, built into the device, resident keys, user verification) standing in for
 * the member's device and its passkeys. Each instance is a fresh session: no cookies, no passkeys unless added.
 */
final class SignInBrowser implements AutoCloseable {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final VirtualAuthenticator device;

    private SignInBrowser(ChromeDriver driver, VirtualAuthenticator device) {
        this.driver = driver;
        this.device = device;
    }

    static Path chromium() {
        return Path.of(System.getProperty("dcbeacon.chromium", "/usr/bin/chromium"));
    }

    static Path chromedriver() {
        return Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    }

    /** Why no browser can run here, if none can: a missing Chromium or chromedriver. */
    static Optional<String> missing() {
        for (Path program : new Path[] {chromium(), chromedriver()}) {
            if (!Files.isExecutable(program)) {
                return Optional.of(program + " is missing: install the packages chromium and chromium-driver");
            }
        }
        return Optional.empty();
    }

    static SignInBrowser open(Path work) {
        Path profile;
        try {
            Files.createDirectories(work);
            profile = Files.createTempDirectory(work, "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
        // Keycloak asks for a label of a new passkey in a prompt: accepted with its suggested label
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .withLogFile(work.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            VirtualAuthenticator device = ((HasVirtualAuthenticator) driver)
                    .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                            .setHasResidentKey(true)
                            .setHasUserVerification(true)
                            .setIsUserVerified(true)
                            .setIsUserConsenting(true));
            return new SignInBrowser(driver, device);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** The member's device: its passkeys ({@code getCredentials}), or one to add from another device. */
    VirtualAuthenticator device() {
        return device;
    }

    /** The browser itself, for pages beyond the sign-in (the web portal's). */
    ChromeDriver driver() {
        return driver;
    }

    void go(String url) {
        driver.get(url);
    }

    /** The password form: a username and password typed and sent. */
    void signInWithPassword(String username, String password) {
        type(By.id("username"), username);
        type(By.id("password"), password);
        click(By.id("kc-login"));
    }

    /**
     * The required action "register a passkey": its button pressed, the device creates the passkey, and the label
     * Keycloak then asks for in a prompt is accepted as suggested.
     */
    void registerPasskey() {
        click(By.id("registerWebAuthn"));
        new WebDriverWait(driver, PAGE_WAIT)
                .until(ExpectedConditions.alertIsPresent())
                .accept();
    }

    /**
     * "Sign in with Passkey" on the sign-in page: the device is asked for a passkey of this site, nothing typed. The
     * page may also have offered the device's passkey by itself when it loaded (conditional mediation, the browser's
     * autofill of passkeys) and be gone already: then the sign-in came back without the button.
     */
    void signInWithPasskey(SignIn signIn) {
        new WebDriverWait(driver, PAGE_WAIT)
                .until(d -> signIn.cameBack() || clicked(By.id("authenticateWebAuthnButton")));
    }

    private boolean clicked(By button) {
        try {
            for (WebElement element : driver.findElements(button)) {
                if (element.isDisplayed() && element.isEnabled()) {
                    element.click();
                    return true;
                }
            }
            return false;
        } catch (WebDriverException e) {
            return false; // the page changed under the click: look again
        }
    }

    /** The authorization code the browser came back with; fails naming the page the browser is on instead. */
    String awaitCode(SignIn signIn, Duration limit) {
        try {
            return signIn.awaitCode(limit);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + "; the browser is at " + driver.getCurrentUrl() + " showing: "
                            + driver.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    /** The self-registration form, reached from the sign-in page's "Register" link, filled in and sent. */
    void registerAccount(String username, String email, String password) {
        click(By.cssSelector("#kc-registration a"));
        type(By.id("username"), username);
        type(By.id("email"), email);
        type(By.id("password"), password);
        type(By.id("password-confirm"), password);
        driver.findElement(By.id("kc-form-buttons"))
                .findElement(By.cssSelector("[type=submit]"))
                .click();
    }

    /** Waits until the page holds {@code text}, e.g. an error the provider shows. */
    void awaitText(String text) {
        new WebDriverWait(driver, PAGE_WAIT)
                .until(d -> d.getPageSource() != null && d.getPageSource().contains(text));
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    private void type(By field, String text) {
        WebElement element = new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.elementToBeClickable(field));
        element.clear();
        element.sendKeys(text);
    }

    private void click(By button) {
        new WebDriverWait(driver, PAGE_WAIT)
                .until(ExpectedConditions.elementToBeClickable(button))
                .click();
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * The portal's side of the sign-in: the authorization code flow with PKCE of the web client, its redirect answered
     * by a small HTTP server of the test on a free port (the provider must allow that redirect). One per test class.
     */
    static final class Portal implements AutoCloseable {

        private static final SecureRandom RANDOM = new SecureRandom();

        private final HttpServer server;
        private final Map<String, CompletableFuture<Map<String, String>>> callbacks = new ConcurrentHashMap<>();

        Portal() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/signed-in", exchange -> {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                CompletableFuture<Map<String, String>> callback = callbacks.get(query.getOrDefault("state", ""));
                byte[] body = (callback == null ? "unknown sign-in" : "signed in").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(callback == null ? 400 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                if (callback != null) {
                    callback.complete(query);
                }
            });
            server.start();
        }

        /** Where the provider sends the browser back, at {@code localhost} as the portal's own address is. */
        String redirectUri() {
            return "http://localhost:" + server.getAddress().getPort() + "/signed-in";
        }

        /** A new sign-in: its authorization request (to open in a browser), PKCE verifier and awaited code. */
        SignIn begin(String authorizationEndpoint) {
            String state = random();
            String verifier = random() + random();
            CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
            callbacks.put(state, callback);
            String url = authorizationEndpoint + "?"
                    + form(Map.of(
                            "client_id",
                            ProviderAccounts.WEB_CLIENT,
                            "response_type",
                            "code",
                            "scope",
                            "openid",
                            "redirect_uri",
                            redirectUri(),
                            "state",
                            state,
                            "code_challenge",
                            challenge(verifier),
                            "code_challenge_method",
                            "S256"));
            return new SignIn(url, verifier, callback);
        }

        @Override
        public void close() {
            server.stop(0);
        }

        private static String random() {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        private static String challenge(String verifier) {
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String form(Map<String, String> fields) {
            StringBuilder out = new StringBuilder();
            fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&")
                    .append(k)
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return out.toString();
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> fields = new HashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        fields.put(
                                pair.substring(0, eq),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            return fields;
        }
    }

    /** One authorization request: open {@link #url()}, then take the code the provider redirected back with. */
    record SignIn(String url, String codeVerifier, CompletableFuture<Map<String, String>> callback) {

        /** The authorization code once the browser came back with one; fails if it came back with an error. */
        String awaitCode(Duration limit) {
            Map<String, String> answer;
            try {
                answer = callback.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("no redirect back to the portal within " + limit, e);
            }
            if (!answer.containsKey("code")) {
                throw new IllegalStateException("the provider answered the sign-in with " + answer);
            }
            return answer.get("code");
        }

        boolean cameBack() {
            return callback.isDone();
        }
    }
}
