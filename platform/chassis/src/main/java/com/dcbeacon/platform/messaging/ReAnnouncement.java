package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks an aggregate's rows for re-announcing their current state (docs/messaging.md, Rebuilding a replica): in pages
 * ordered by id, one transaction per page, so that neither all rows nor their events sit in one transaction or in
 * memory. A page's rows are locked while it is announced: a change of one of them either commits before the page reads
 * it (and its event precedes the announcement in the outbox) or waits for the page to commit (and follows it), so an
 * announcement is never older than an event behind it. The entity's id attribute must be a UUID named {@code id}.
 */
@ApplicationScoped
public class ReAnnouncement {

    static final int PAGE_SIZE = 200;

    private final EntityManager em;

    public ReAnnouncement(EntityManager em) {
        this.em = em;
    }

    /** Hands every row to {@code announce}, page by page, each in its transaction; answers how many rows. */
    public <E> int all(Class<E> entity, Function<E, UUID> id, Consumer<List<E>> announce) {
        int announced = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> page = QuarkusTransaction.requiringNew().call(() -> {
                List<E> rows = page(entity, from);
                announce.accept(rows);
                return rows.stream().map(id).toList();
            });
            announced += page.size();
            if (page.size() < PAGE_SIZE) {
                return announced;
            }
            after = page.get(page.size() - 1);
        }
    }

    /** Hands the one row to {@code announce}, in its transaction; 404 naming {@code what} when there is none. */
    public <E> int one(Class<E> entity, UUID id, String what, Consumer<List<E>> announce) {
        return QuarkusTransaction.requiringNew().call(() -> {
            E row = em.find(entity, id, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                throw ProblemException.notFound("no " + what + " " + id);
            }
            announce.accept(List.of(row));
            return 1;
        });
    }

    private <E> List<E> page(Class<E> entity, UUID after) {
        String from = "select e from " + entity.getSimpleName() + " e";
        return (after == null
                        ? em.createQuery(from + " order by e.id", entity)
                        : em.createQuery(from + " where e.id > :after order by e.id", entity)
                                .setParameter("after", after))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setMaxResults(PAGE_SIZE)
                .getResultList();
    }
}
