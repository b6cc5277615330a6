package org.fargatedsp.shipper.channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fargatedsp.shipper.sink.Sink;

/** A sink that acknowledges each batch only when the test says so, in any order. */
final class HeldSink implements Sink {
    record Delivery(Batch batch, CompletableFuture<Void> ack) {}

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public CompletableFuture<Void> deliver(Batch batch) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        deliveries.add(new Delivery(batch, ack));
        return ack;
    }

    void ack(int i) {
        deliveries.get(i).ack().complete(null);
    }

    @Override
    public void close() {
        closed = true;
        for (Delivery d : deliveries) {
            d.ack().completeExceptionally(new IllegalStateException("closed"));
        }
    }
}
