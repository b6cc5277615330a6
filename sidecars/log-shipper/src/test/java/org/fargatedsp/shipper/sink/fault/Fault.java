package org.fargatedsp.shipper.sink.fault;

import java.time.Duration;

/** What the fault server does to one request instead of (or before) answering it as the service would. */
public sealed interface Fault {
    /** A whole-call {@code status} with the service's error of that kind. */
    record Status(int status) implements Fault {}

    /** A whole-call error with S3's (or Firehose's) error {@code code}, such as 403 AccessDenied. */
    record Error(int status, String code) implements Fault {}

    /** Throttling: Firehose's {@code ThrottlingException} (400), S3's {@code SlowDown} (503). */
    record Throttle() implements Fault {}

    /** Firehose only: a 200 whose every other entry (the 2nd, 4th, ...) comes back with an ErrorCode. */
    record PartialFailure() implements Fault {}

    /** The request is served as usual, but the answer comes {@code delay} late. */
    record Slow(Duration delay) implements Fault {}

    /** The connection is reset (RST) as soon as the first bytes of the request's body arrive. */
    record ResetMidBody() implements Fault {}

    static Fault status(int status) {
        return new Status(status);
    }

    static Fault error(int status, String code) {
        return new Error(status, code);
    }

    static Fault throttle() {
        return new Throttle();
    }

    static Fault partialFailure() {
        return new PartialFailure();
    }

    static Fault slow(Duration delay) {
        return new Slow(delay);
    }

    static Fault resetMidBody() {
        return new ResetMidBody();
    }
}
