package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Address;
import com.dcbeacon.member.domain.Member;
import java.time.OffsetDateTime;
import java.util.UUID;

public record MemberResponse(UUID id, String email, String name, Address shippingAddress, OffsetDateTime registeredAt) {

    static MemberResponse of(Member member) {
        return new MemberResponse(member.id, member.email, member.name, member.shippingAddress, member.registeredAt);
    }
}
