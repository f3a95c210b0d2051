package com.dcbeacon.box.curation;

import java.util.List;
import java.util.UUID;

/** What curation chose for one member; {@code shortfall} slots stayed empty rather than hold an unsafe item. */
public record CuratedBox(UUID memberId, List<Item> items, int shortfall) {

    public record Item(Product product, String reason, boolean sponsored, int score) {}
}
