package com.dcbeacon.member;

import com.dcbeacon.platform.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka broker, the member database and an SMTP server. */
@QuarkusTestResource(
        value = PlatformTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "member"))
@QuarkusTestResource(value = MailCatcher.class, restrictToAnnotatedClass = false)
public class MemberServiceTestInfrastructure {}
