package com.dcbeacon.member;

import com.dcbeacon.platform.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka broker and the member database. */
@QuarkusTestResource(
        value = PlatformTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "member"))
public class MemberServiceTestInfrastructure {}
