package com.dcbeacon.member.api;

import com.dcbeacon.platform.events.Allergen;
import com.dcbeacon.platform.events.DietaryTag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Every list is required (empty means "none"), so a forgotten field never silently clears an allergy. The allergen and
 * tag lists hold at most every value of their enum once ({@code PreferencesRequestTest} keeps the sizes to the enums).
 */
public record PreferencesRequest(
        @NotNull @Size(max = 14) List<@NotNull Allergen> allergens,
        @NotNull @Size(max = 9) List<@NotNull DietaryTag> dietaryTags,
        @NotNull @Size(max = 30) List<@NotBlank @Size(max = 60) String> likedCategories,
        @NotNull @Size(max = 30) List<@NotBlank @Size(max = 60) String> dislikedCategories,
        @NotNull Boolean sensitiveDataConsent) {}
