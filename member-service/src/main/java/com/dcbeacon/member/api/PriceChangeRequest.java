package com.dcbeacon.member.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;

public record PriceChangeRequest(
        @NotNull @PositiveOrZero @Max(1_000_000) Long newPriceCents,
        @NotNull LocalDate effectiveOn) {}
