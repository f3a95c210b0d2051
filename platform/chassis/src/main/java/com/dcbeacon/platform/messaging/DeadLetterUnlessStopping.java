package com.dcbeacon.platform.messaging;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The failure strategy of every consumer channel ({@code failure-strategy=dead-letter-unless-stopping}, set for the
 * connector in the chassis's {@code META-INF/microprofile-config.properties}): SmallRye's
 * dead-letter-queue strategy, except while the service is stopping. A record that fails then failed because the
 * service is going away (its database pool or persistence unit already closed), never because of the record: it is
 * neither dead-lettered nor acknowledged, so its offset stays uncommitted and it is delivered again after the restart.
 * Without this, a rolling restart could dead-letter whatever event was in flight (seen: a product announced at the
 * moment box-service restarted never reached its catalogue).
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessStopping.STRATEGY)
public class DeadLetterUnlessStopping implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "dead-letter-unless-stopping";
    private static final Logger LOG = Logger.getLogger(DeadLetterUnlessStopping.class);
    private static volatile boolean stopping;

    private final KafkaFailureHandler.Factory deadLetterQueue;

    public DeadLetterUnlessStopping(
            @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    /** Observed first among shutdown observers: from here on a failure is the shutdown's, not the record's. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** True once the service began to stop (a SIGTERM, a Kubernetes pod termination, the end of a test run). */
    public static boolean stopping() {
        return stopping || ApplicationLifecycleManager.isVmShuttingDown();
    }

    @Override
    public KafkaFailureHandler create(
            KafkaConnectorIncomingConfiguration config,
            Vertx vertx,
            KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler delegate = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        String channel = config.getChannel();
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (stopping()) {
                    LOG.infof(
                            "%s: record %s-%d@%d failed while stopping (%s); left uncommitted for redelivery after restart",
                            channel, record.getTopic(), record.getPartition(), record.getOffset(), reason);
                    return Uni.createFrom().nothing();
                }
                return delegate.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                delegate.terminate();
            }
        };
    }
}
