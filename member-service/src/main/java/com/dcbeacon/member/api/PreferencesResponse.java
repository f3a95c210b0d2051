package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Member;
import java.util.List;

public record PreferencesResponse(
        List<String> allergens,
        List<String> dietaryTags,
        List<String> likedCategories,
        List<String> dislikedCategories,
        boolean sensitiveDataConsent) {

    static PreferencesResponse of(Member m) {
        return new PreferencesResponse(
                m.allergens, m.dietaryTags, m.likedCategories, m.dislikedCategories, m.sensitiveDataConsent);
    }
}
