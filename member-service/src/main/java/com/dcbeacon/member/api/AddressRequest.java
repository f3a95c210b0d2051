package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Address;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record AddressRequest(
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @NotBlank @Size(max = 20) String postalCode,
        @NotBlank @IsoCountry String country) {

    public Address toAddress() {
        return new Address(
                line1.trim(),
                line2 == null || line2.isBlank() ? null : line2.trim(),
                city.trim(),
                postalCode.trim(),
                country);
    }
}
