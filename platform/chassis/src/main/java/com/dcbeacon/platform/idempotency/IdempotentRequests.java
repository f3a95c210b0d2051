package com.dcbeacon.platform.idempotency;

import com.dcbeacon.platform.problem.ProblemDetail;
import com.dcbeacon.platform.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Requests that move money run once per {@code Idempotency-Key} (IETF draft-ietf-httpapi-idempotency-key-header): a
 * client that did not get an answer (a timeout, a dropped connection) sends the same request with the same key again
 * and gets the first answer, with {@code Idempotent-Replayed: true}, instead of a second effect.
 *
 * <p>The key is recorded in the same transaction as the effect (table {@code idempotency_key}, per operation and acting
 * user). A second request with the key while the first is still running waits for it (the key's row is locked by the
 * first insert) and then gets its answer. A refused request (4xx) leaves no record: it may be sent again, corrected,
 * with the same key. Errors: 400 when the key is missing or longer than {@value #MAX_KEY_LENGTH} characters; 422 when the
 * key was used for a different request.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** The request header (draft-ietf-httpapi-idempotency-key-header). */
    public static final String HEADER = "Idempotency-Key";

    /** Set on an answer that is a replay of the first one. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public static final int MAX_KEY_LENGTH = 255;

    private final EntityManager em;
    private final ObjectMapper json;

    public IdempotentRequests(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Runs {@code action} (its entity is serialised as JSON) unless {@code actor} already ran {@code operation} with
     * {@code key}; then answers what it answered. {@code request} identifies what was asked (path parameters and body),
     * compared by a hash of its JSON.
     */
    public Response once(String operation, String actor, String key, Object request, Supplier<Response> action) {
        if (key == null || key.isBlank()) {
            throw missing("is required on this request, so that sending it again cannot apply it twice");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw missing("must be at most " + MAX_KEY_LENGTH + " characters");
        }
        String hash = sha256(write(request));
        return QuarkusTransaction.joiningExisting().call(() -> {
            int inserted = em.createNativeQuery("""
                            insert into idempotency_key (operation, actor, key, request_hash, created_at)
                            values (?1, ?2, ?3, ?4, now()) on conflict do nothing""")
                    .setParameter(1, operation)
                    .setParameter(2, actor)
                    .setParameter(3, key)
                    .setParameter(4, hash)
                    .executeUpdate();
            if (inserted == 0) {
                return replay(operation, actor, key, hash);
            }
            Response answer = action.get();
            em.createNativeQuery(
                            "update idempotency_key set status = ?4, response = ?5 where operation = ?1 and actor = ?2 and key = ?3")
                    .setParameter(1, operation)
                    .setParameter(2, actor)
                    .setParameter(3, key)
                    .setParameter(4, answer.getStatus())
                    .setParameter(5, answer.hasEntity() ? write(answer.getEntity()) : null)
                    .executeUpdate();
            return answer;
        });
    }

    private Response replay(String operation, String actor, String key, String hash) {
        Object[] kept = (Object[]) em.createNativeQuery(
                        "select request_hash, status, response from idempotency_key where operation = ?1 and actor = ?2 and key = ?3")
                .setParameter(1, operation)
                .setParameter(2, actor)
                .setParameter(3, key)
                .getSingleResult();
        if (!hash.equals(kept[0])) {
            throw new ProblemException(
                    422,
                    "Idempotency key reused",
                    HEADER + ": this key was used for a different request; use a new key for a new request",
                    List.of(new ProblemDetail.Violation(HEADER, "was used for a different request")));
        }
        return Response.status(((Number) kept[1]).intValue())
                .entity(kept[2])
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(REPLAYED_HEADER, "true")
                .build();
    }

    private static ProblemException missing(String message) {
        return ProblemException.invalidField(HEADER, message);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
