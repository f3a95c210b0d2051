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

    public record Subscribe(@NotBlank @Size(max = 40) String planId) {}

    public record ChangePlan(@NotBlank @Size(max = 40) String planId) {}

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
