package com.dcbeacon.box.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.Product;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoxTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final BoxTerms TERMS = new BoxTerms(UUID.randomUUID(), "classic", 2990, "EUR", 3);

    @Test
    void shouldStartCuratedOnItsTerms() {
        UUID member = UUID.randomUUID();
        Box box = Box.curated(member, "2026-03", TERMS, List.of(item()), NOW);

        assertThat(box.id).isNotNull();
        assertThat(box.memberId).isEqualTo(member);
        assertThat(box.status).isEqualTo(BoxStatus.CURATED);
        assertThat(box.curatedAt).isEqualTo(NOW);
        assertThat(box.subscriptionId).isEqualTo(TERMS.subscriptionId());
        assertThat(box.planId).isEqualTo("classic");
        assertThat(box.priceCents).isEqualTo(2990);
        assertThat(box.currency).isEqualTo("EUR");
        assertThat(box.items).hasSize(1);
    }

    @Test
    void shouldSetEachStateWithItsTimestamp() {
        Box box = Box.curated(UUID.randomUUID(), "2026-03", TERMS, List.of(item()), NOW);

        box.pack(NOW.plusHours(1));
        assertThat(box.status).isEqualTo(BoxStatus.PACKED);
        assertThat(box.packedAt).isEqualTo(NOW.plusHours(1));

        box.ship("TRACK-1", "ops-warehouse-user", NOW.plusHours(2));
        assertThat(box.status).isEqualTo(BoxStatus.SHIPPED);
        assertThat(box.trackingNumber).isEqualTo("TRACK-1");
        assertThat(box.shippedAt).isEqualTo(NOW.plusHours(2));

        box.deliver(NOW.plusDays(2));
        assertThat(box.status).isEqualTo(BoxStatus.DELIVERED);
        assertThat(box.deliveredAt).isEqualTo(NOW.plusDays(2));
    }

    @Test
    void shouldGoBackToCuratedOnlyWhenPacked() {
        Box curated = Box.curated(UUID.randomUUID(), "2026-03", TERMS, List.of(item()), NOW);
        curated.unpack();
        assertThat(curated.status).isEqualTo(BoxStatus.CURATED);

        Box packed = Box.curated(UUID.randomUUID(), "2026-03", TERMS, List.of(item()), NOW);
        packed.pack(NOW);
        packed.unpack();
        assertThat(packed.status).isEqualTo(BoxStatus.CURATED);
        assertThat(packed.packedAt).isNull();
    }

    @Test
    void shouldRecordWhyAndWhenItWasWithdrawn() {
        Box box = Box.curated(UUID.randomUUID(), "2026-03", TERMS, List.of(item()), NOW);

        box.withdraw(Box.WithdrawalReason.PAUSED, NOW.plusDays(1));

        assertThat(box.status).isEqualTo(BoxStatus.WITHDRAWN);
        assertThat(box.isOpen()).isFalse();
        assertThat(box.withdrawnAt).isEqualTo(NOW.plusDays(1));
        assertThat(box.withdrawalReason).isEqualTo(Box.WithdrawalReason.PAUSED);
    }

    @Test
    void shouldBuildAnItemFromWhatCurationPicked() {
        Product product = new Product(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Crunch Co",
                "CC-1",
                "Chili Crisps",
                "snacks",
                Set.of(),
                Set.of(),
                Set.of(),
                5);

        Box.Item item = Box.Item.of(new CuratedBox.Item(product, "because you like snacks", true, 30));

        assertThat(item)
                .isEqualTo(new Box.Item(
                        product.productId(),
                        product.brandId(),
                        "Crunch Co",
                        "CC-1",
                        "Chili Crisps",
                        "snacks",
                        "because you like snacks",
                        true));
    }

    private static Box.Item item() {
        return new Box.Item(UUID.randomUUID(), UUID.randomUUID(), "Brand", "SKU-1", "Name", "snacks", "reason", false);
    }
}
