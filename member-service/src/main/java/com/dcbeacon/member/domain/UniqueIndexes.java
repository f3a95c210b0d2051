package com.dcbeacon.member.domain;

import com.dcbeacon.platform.problem.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.exception.ConstraintViolationException;

/**
 * A check before an insert (is this e-mail taken?) lets two requests sent at the same moment both pass; only the unique
 * index then tells them apart, when the later one's insert waits for the first to commit and fails. Flushed inside the
 * transaction, that failure is answered as the problem the check gives a request sent after the first one, instead of
 * failing the commit.
 */
final class UniqueIndexes {

    private UniqueIndexes() {}

    /**
     * Flushes {@code em}; a unique index of {@code refusals} (by name) that another transaction filled first throws
     * that index's problem. Any other failure is thrown as it is.
     */
    static void flush(EntityManager em, Map<String, Supplier<ProblemException>> refusals) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw violated(e)
                    .map(refusals::get)
                    .<RuntimeException>map(Supplier::get)
                    .orElse(e);
        }
    }

    private static Optional<String> violated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return Optional.of(violation.getConstraintName());
            }
        }
        return Optional.empty();
    }
}
