package com.dcbeacon.member.api;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Input is read as written: nothing truncated or converted, and a bad value is a 400 naming it, never a 404 or 500. */
@QuarkusTest
class InputStrictnessTest {

    @Test
    void shouldRefuseAFractionalCreditInsteadOfTruncatingIt() {
        UUID member = Members.signUp();
        String credits = "/api/members/" + member + "/ledger/credits";

        ops().body("{\"amountCents\": 250.75, \"reason\": \"late box\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("amountCents"))
                .body("detail", containsString("whole number"));
        ops().body("{\"amountCents\": \"250\", \"reason\": \"late box\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(400)
                .body("violations.field", contains("amountCents"));
        ops().body("{\"amountCents\": 1, \"amountCents\": 100000, \"reason\": \"late box\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(400)
                .body("violations.field", contains("amountCents"))
                .body("violations[0].message", containsString("more than once"));
        ops().body("{\"amountCents\": 99999999999999999999, \"reason\": \"late box\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(400)
                .body("violations.field", contains("amountCents"));
        ops().get("/api/members/" + member + "/ledger").then().statusCode(200).body("entries", hasSize(0));

        ops().body("{\"amountCents\": 250, \"reason\": \"late box\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(201);
        ops().get("/api/members/" + member + "/ledger")
                .then()
                .body("entries.amountCents", contains(250))
                .body("balanceCents", equalTo(250));
    }

    @Test
    void shouldAnswerAWronglyTypedParameterWith400NamingItAndAnUnknownResourceWith404() {
        UUID member = Members.signUp();

        as(member)
                .get("/api/members/" + member + "/ledger?size=abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("size"));
        as(member)
                .get("/api/members/" + member + "/ledger?page=1.5")
                .then()
                .statusCode(400)
                .body("violations.field", contains("page"));
        as(member)
                .get("/api/members/not-a-uuid/ledger")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("memberId"));
        as(member).get("/api/members/not-a-uuid").then().statusCode(400).body("violations.field", contains("memberId"));

        as(member)
                .get("/api/members/" + member + "/no-such-thing")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(member)
                .get("/api/members/" + member + "/ledger?size=10")
                .then()
                .statusCode(200)
                .body("size", equalTo(10));
    }

    @Test
    void shouldRefuseANullAllergenNamingItsIndex() {
        UUID member = Members.signUp();
        String path = "/api/members/" + member + "/preferences";

        as(member)
                .body("""
                {"allergens":[null],"dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":true}""")
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("allergens[0]"));
        as(member).body("""
                {"allergens":"PEANUTS","dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":true}""").put(path).then().statusCode(400).body("violations.field", hasItem("allergens"));

        // The same body without the null is read, and refused only by the consent rule.
        as(member)
                .body("""
                {"allergens":["PEANUTS"],"dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":false}""")
                .put(path)
                .then()
                .statusCode(400)
                .body("violations.field", contains("sensitiveDataConsent"));
    }

    @Test
    void shouldAnswerAnOversizedBodyWithAProblem() {
        UUID member = Members.signUp();
        String huge =
                "{\"line1\":\"" + "x".repeat(300_000) + "\",\"city\":\"B\",\"postalCode\":\"1\",\"country\":\"DE\"}";

        as(member)
                .body(huge)
                .put("/api/members/" + member + "/address")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
        as(member)
                .get("/api/members/" + member)
                .then()
                .statusCode(200)
                .body("shippingAddress.line1", equalTo("1 Main St"));
    }

    /** A body sent in chunks, without a length to refuse it by up front, is cut off at the limit: the same problem. */
    @Test
    void shouldAnswerAnOversizedChunkedBodyWithAProblem() throws Exception {
        UUID member = Members.signUp();
        // 390 KiB of valid JSON, over the 256 KiB limit
        Chunked answer = putChunked(
                member,
                "{\"line1\":\"" + "x".repeat(400_000) + "\",\"city\":\"B\",\"postalCode\":\"1\",\"country\":\"DE\"}");
        org.assertj.core.api.Assertions.assertThat(answer.status()).startsWith("HTTP/1.1 413");
        org.assertj.core.api.Assertions.assertThat(answer.headers()).contains("content-type: application/problem+json");
        as(member)
                .get("/api/members/" + member)
                .then()
                .statusCode(200)
                .body("shippingAddress.line1", equalTo("1 Main St"));
    }

    /** Positive anchor: a chunked body within the limit is read and applied like any other. */
    @Test
    void shouldApplyAChunkedBodyWithinTheLimit() throws Exception {
        UUID member = Members.signUp();
        // 100 KB, in four chunks: a short address padded with JSON whitespace
        Chunked answer = putChunked(
                member,
                "{\"line1\":\"9 Chunk Lane\",\"city\":\"B\",\"postalCode\":\"1\",\"country\":\"DE\""
                        + " ".repeat(100_000) + "}");
        org.assertj.core.api.Assertions.assertThat(answer.status())
                .as(String.join("\n", answer.headers()))
                .startsWith("HTTP/1.1 200");
        as(member)
                .get("/api/members/" + member)
                .then()
                .statusCode(200)
                .body("shippingAddress.line1", equalTo("9 Chunk Lane"));
    }

    private record Chunked(String status, java.util.List<String> headers) {}

    /** PUTs the member's address as a chunked body (no Content-Length), 32 KiB per chunk; returns status line and headers. */
    private static Chunked putChunked(UUID member, String json) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("PUT /api/members/" + member + "/address HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                            + TestTokens.member(member)
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] body = json.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try {
                for (int at = 0; at < body.length; at += 0x8000) {
                    int length = Math.min(0x8000, body.length - at);
                    out.write((Integer.toHexString(length) + "\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(body, at, length);
                    out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedWhileSending) {
                // the server may answer and close before the client has sent everything
            }
            var answer = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
            String status = answer.readLine();
            java.util.List<String> headers = new java.util.ArrayList<>();
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                headers.add(line.toLowerCase(java.util.Locale.ROOT));
            }
            return new Chunked(status, headers);
        }
    }

    private static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }
}
