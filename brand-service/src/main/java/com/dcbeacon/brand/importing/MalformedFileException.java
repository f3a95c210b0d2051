package com.dcbeacon.brand.importing;

/** The file as a whole cannot be read (encoding, header, CSV structure): nothing from it is used. */
public class MalformedFileException extends RuntimeException {
    public MalformedFileException(String message) {
        super(message);
    }
}
