package com.dcbeacon.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under test at the JVM's real Kafka and PostgreSQL and at the test token keys.
 * Init arg {@code database}: the service's own database name.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "service";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(database),
                "quarkus.datasource.username", infra.postgresUser(),
                "quarkus.datasource.password", infra.postgresPassword(),
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "mp.jwt.verify.publickey", infra.publicKeyPem(),
                "mp.jwt.verify.issuer", TestInfrastructure.JWT_ISSUER);
    }

    @Override
    public void stop() {
        // The infrastructure lives as long as the test JVM; its shutdown hook stops it.
    }
}
