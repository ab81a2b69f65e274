package io.kehu.api.spi;

/** Where an instance puts what it could not process; the hub serves it for inspection and replay. */
public interface DeadLetterStore {

    /** Stores the letter durably and returns its id. */
    String put(DeadLetter letter);
}
