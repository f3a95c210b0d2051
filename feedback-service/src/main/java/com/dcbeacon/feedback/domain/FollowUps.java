package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.FollowUpRepository;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Ops work through the follow-ups opened by detractor answers: list them by status, close each with a note. */
@ApplicationScoped
public class FollowUps {

    private final FollowUpRepository followUps;

    public FollowUps(FollowUpRepository followUps) {
        this.followUps = followUps;
    }

    /** One page of the follow-ups in that status, the earliest due first. */
    public List<FollowUp> withStatus(FollowUpStatus status, int page, int size) {
        return followUps.withStatus(status, page, size);
    }

    /**
     * Closes an open follow-up now, recording {@code closedBy} (the acting ops user's id); 404 if there is none with
     * that id, 409 if it is already closed.
     */
    @Transactional
    public FollowUp close(UUID id, String note, String closedBy) {
        FollowUp followUp =
                followUps.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("no follow-up " + id));
        if (followUp.status != FollowUpStatus.OPEN) {
            throw ProblemException.conflict("follow-up " + id + " is already closed");
        }
        followUp.close(note, closedBy, OffsetDateTime.now(ZoneOffset.UTC));
        return followUp;
    }
}
