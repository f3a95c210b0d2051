package com.dcbeacon.box.curation;

import java.util.UUID;

/** Units of a product a brand committed to this cycle; {@code maxPerBox} of it at most in one box. */
public record Campaign(UUID productId, int units, int maxPerBox) {}
