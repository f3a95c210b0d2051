package com.dcbeacon.member.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request bodies of the subscription endpoints. */
public final class SubscriptionRequests {

    private SubscriptionRequests() {}

    /**
     * A sign-up. {@code shownPriceCents}: the plan's price the member was shown, and {@code shownUpcomingPriceCents} the
     * announced upcoming price shown with it (absent: none was shown); both optional, and when {@code shownPriceCents}
     * is sent the sign-up is refused (409) unless both are still what the plan says.
     */
    public record Subscribe(
            @NotBlank @Size(max = 40) String planId,
            @PositiveOrZero @Max(10_000_000) Long shownPriceCents,
            @PositiveOrZero @Max(10_000_000) Long shownUpcomingPriceCents) {}

    /** A plan change; {@code shownPriceCents} and {@code shownUpcomingPriceCents} as for {@link Subscribe}. */
    public record ChangePlan(
            @NotBlank @Size(max = 40) String planId,
            @PositiveOrZero @Max(10_000_000) Long shownPriceCents,
            @PositiveOrZero @Max(10_000_000) Long shownUpcomingPriceCents) {}

    public record Pause(
            @Pattern(regexp = Cycles.PATTERN, message = Cycles.MESSAGE)
            String untilCycle) {}

    public record Skip(
            @NotNull @Pattern(regexp = Cycles.PATTERN, message = Cycles.MESSAGE)
            String cycle) {}

    /**
     * The prices of the reactivation quote the member confirms: {@code priceCents} now and, when the quote showed one,
     * the {@code upcomingPriceCents} already announced; refused (409) when either is no longer what the plan says.
     */
    public record Reactivate(
            @NotNull @PositiveOrZero @Max(10_000_000) Long priceCents,

            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
            String currency,

            @PositiveOrZero @Max(10_000_000) Long upcomingPriceCents) {}

    /** No reason is needed to leave; one may be given. */
    public record Cancel(@Size(max = 1000) String reason) {}
}
