package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.NewerEventVersionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Decides whether a consumer's failure may go away by itself (a database failover, a lock or serialization conflict,
 * an exhausted connection pool, a transaction timeout), so the event waits and is tried again, or can never succeed (an
 * invalid event, a business rejection, a bug), so it goes to the dead-letter topic.
 *
 * <p>Transient: any cause in the chain that is a {@link SQLTransientException} or {@link SQLRecoverableException}, a
 * socket failure, a JPA/Hibernate lock or optimistic-lock failure, or a {@link SQLException} whose SQLSTATE class is 08
 * (connection), 40 (transaction rollback: serialization failure, deadlock), 53 (insufficient resources), 57 (operator
 * intervention, e.g. the server shutting down), 58 (system error) or 55P03 (lock not available), following the
 * PostgreSQL error codes appendix. A pool acquisition timeout carries no SQLSTATE and is recognised by its message.
 *
 * <p>Also transient: an event of a version newer than this consumer reads ({@link NewerEventVersionException}). It goes
 * away when this instance is replaced by a build that reads it, the last step of a rolling upgrade.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "jakarta.transaction.RollbackException");

    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || t instanceof SocketException
                    || t instanceof NewerEventVersionException) {
                return true;
            }
            if (TRANSIENT_TYPES.contains(t.getClass().getName())) {
                return true;
            }
            if (t instanceof SQLException sql && transientSqlState(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientSqlState(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("acquisition timeout")
                    || message.contains("connection is closed")
                    || message.contains("this connection has been closed");
        }
        return "55P03".equals(state)
                || (state.length() >= 2 && TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0, 2)));
    }
}
