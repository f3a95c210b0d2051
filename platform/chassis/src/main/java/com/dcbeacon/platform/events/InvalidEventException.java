package com.dcbeacon.platform.events;

/** An event that can never be processed as it is: not JSON, unknown type, or not matching its schema. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
