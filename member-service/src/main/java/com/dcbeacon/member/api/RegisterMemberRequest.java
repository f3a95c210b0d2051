package com.dcbeacon.member.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record RegisterMemberRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid AddressRequest shippingAddress,
        @Size(max = 40) String referralCode,
        @Size(max = 60) String giftCode) {}
