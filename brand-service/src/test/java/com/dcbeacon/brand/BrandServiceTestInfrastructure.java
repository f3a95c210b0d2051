package com.dcbeacon.brand;

import com.dcbeacon.platform.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real Kafka broker and the brand database. */
@QuarkusTestResource(
        value = PlatformTestResource.class,
        restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "brand"))
public class BrandServiceTestInfrastructure {}
