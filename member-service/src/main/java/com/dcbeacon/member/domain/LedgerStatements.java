package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.LedgerEntryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Reads a member's account a page at a time, in the database; what is booked is {@link Ledger}'s job. */
@ApplicationScoped
public class LedgerStatements {

    /** One page of a member's entries, oldest first; balance (cents, positive: owed to the member) and count of all. */
    public record Page(List<LedgerEntry> entries, long balanceCents, long totalEntries) {}

    private final LedgerEntryRepository entries;

    public LedgerStatements(LedgerEntryRepository entries) {
        this.entries = entries;
    }

    /**
     * Page {@code page} (from 0) of {@code size} entries: the page, the count and the balance read in one transaction.
     * A page past the last entry is empty.
     */
    @Transactional
    public Page page(UUID memberId, int page, int size) {
        LedgerEntryRepository.Totals totals = entries.totals(memberId);
        long offset = (long) page * size;
        List<LedgerEntry> pageOfEntries =
                offset >= totals.entries() ? List.of() : entries.forMember(memberId, (int) offset, size);
        return new Page(pageOfEntries, totals.balanceCents(), totals.entries());
    }
}
