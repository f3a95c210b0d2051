package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.MailNotSentReason;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    public List<Notification> forMember(UUID memberId) {
        return list("memberId = ?1 order by createdAt desc", memberId);
    }

    public List<Notification> forMember(UUID memberId, int page, int size) {
        return find("memberId = ?1 order by createdAt desc", memberId)
                .page(io.quarkus.panache.common.Page.of(page, size))
                .list();
    }

    public boolean exists(Notification.Kind kind, UUID sourceId) {
        return count("kind = ?1 and sourceId = ?2", kind, sourceId) > 0;
    }

    public Optional<Notification> find(Notification.Kind kind, UUID sourceId) {
        return find("kind = ?1 and sourceId = ?2", kind, sourceId).firstResultOptional();
    }

    /**
     * Settles the mail of the notification of {@code kind} about {@code sourceId} as not sent, if it is still pending.
     * One conditional update: a sender holding the row commits first, and a mail it sent stays sent.
     */
    public void dropPendingMail(Notification.Kind kind, UUID sourceId, MailNotSentReason reason) {
        update(
                "mailStatus = ?1, mailNotSentReason = ?2, mailNextAttemptAt = null"
                        + " where kind = ?3 and sourceId = ?4 and mailStatus = ?5",
                MailStatus.NOT_SENT,
                reason,
                kind,
                sourceId,
                MailStatus.PENDING);
    }

    /**
     * Makes the waiting notification of {@code kind} about {@code sourceId} due at once, with its final message; false
     * when there is none waiting (none was written, or it was released before).
     */
    public boolean release(Notification.Kind kind, UUID sourceId, String message) {
        return update(
                        "mailStatus = ?1, message = ?2 where kind = ?3 and sourceId = ?4 and mailStatus = ?5",
                        MailStatus.PENDING,
                        message,
                        kind,
                        sourceId,
                        MailStatus.WAITING)
                > 0;
    }

    /**
     * Settles the mails of every preview of the box ({@code BOX_PREVIEW}, {@code BOX_CHANGED}) still pending as not
     * sent, as {@link #dropPendingMail} does for one.
     */
    public void dropPendingPreviewMails(UUID boxId, MailNotSentReason reason) {
        update(
                "mailStatus = ?1, mailNotSentReason = ?2, mailNextAttemptAt = null"
                        + " where boxId = ?3 and kind in (?4, ?5) and mailStatus = ?6",
                MailStatus.NOT_SENT,
                reason,
                boxId,
                Notification.Kind.BOX_PREVIEW, // one parameter each: a list parameter is translated again every call
                Notification.Kind.BOX_CHANGED,
                MailStatus.PENDING);
    }

    /** Persists the notification unless one of its kind about the same source exists; false when it did. */
    public boolean notifyOnce(Notification notification) {
        if (exists(notification.kind, notification.sourceId)) {
            return false;
        }
        persist(notification);
        return true;
    }

    /**
     * The oldest notification whose mail is due, locked for the caller's transaction. Rows another sender holds are
     * skipped, not waited for, so several instances and workers send side by side without sending a mail twice. A
     * member's due mails go one at a time, oldest first: a notification is not taken while an older one of the same
     * member is due and unsent (another worker may be sending it), so a member never reads "your box changed" before
     * the preview it changes. A mail waiting for a retry does not hold the member's later mails back.
     */
    public Optional<Notification> lockNextMailDue(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<Notification> due = getEntityManager()
                .createNativeQuery("""
                        select * from notification n
                        where n.mail_status = 'PENDING'
                          and (n.mail_next_attempt_at is null or n.mail_next_attempt_at <= ?1)
                          and not exists (
                            select 1 from notification older
                            where older.member_id = n.member_id
                              and older.mail_status = 'PENDING'
                              and (older.mail_next_attempt_at is null or older.mail_next_attempt_at <= ?1)
                              and (older.created_at, older.id) < (n.created_at, n.id))
                        order by n.created_at, n.id
                        limit 1
                        for update of n skip locked""", Notification.class)
                .setParameter(1, now)
                .getResultList();
        return due.stream().findFirst();
    }

    /** Deletes every notification of the member (erasure); answers how many. */
    public long deleteForMember(UUID memberId) {
        return delete("memberId", memberId);
    }
}
