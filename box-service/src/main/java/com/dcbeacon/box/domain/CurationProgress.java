package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import java.util.List;
import java.util.Map;

/**
 * What a page's commit records, in its own transaction, on the row whose lease it holds: a whole run's
 * ({@link CurationRun}) or one shard's ({@link CurationShard}).
 */
interface CurationProgress {

    /** Whether the page ({@code 0} for the attempt's first) committed its boxes. */
    boolean committed(int page);

    /**
     * The attempt's next page, of {@code read} members, committed {@code boxes}; {@code skipped}: reason to members of
     * the page without one.
     */
    void pageCommitted(int read, List<CuratedBox> boxes, Map<String, Integer> skipped);
}
