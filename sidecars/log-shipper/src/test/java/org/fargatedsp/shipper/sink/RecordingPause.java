package org.fargatedsp.shipper.sink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backoff pause that waits no time and keeps each delay it was asked for, so tests can check the backoff. */
final class RecordingPause implements Backoff.Pause {
    private final List<Long> delays = new CopyOnWriteArrayList<>();

    @Override
    public void pause(long nanos) {
        delays.add(nanos);
    }

    List<Long> delays() {
        return List.copyOf(delays);
    }
}
