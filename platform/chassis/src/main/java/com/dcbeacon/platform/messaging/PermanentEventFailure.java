package com.dcbeacon.platform.messaging;

/**
 * An event that can never be applied however often it is tried (a business rule rejects it, its aggregate is unknown
 * after waiting for it): it goes to the consumer's dead-letter topic at once instead of holding its partition.
 */
public class PermanentEventFailure extends RuntimeException {

    public PermanentEventFailure(String message) {
        super(message);
    }
}
