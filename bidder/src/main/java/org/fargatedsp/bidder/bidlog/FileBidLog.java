package org.fargatedsp.bidder.bidlog;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.fargatedsp.bidlog.BidLogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bid log: a lock-free queue bounded by records and by bytes that event loops offer records to, and one writer thread that turns them
 * into rotated JSON-lines files within a disk budget. Offering never blocks: a full queue drops the record and
 * counts it. {@link #close()} drains the queue and publishes the last file, within {@code BID_LOG_CLOSE_TIMEOUT_MS}.
 */
public final class FileBidLog implements BidLog, BidLogStats, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileBidLog.class);

    private final RecordQueue queue;
    private final BidLogConfig config;
    private final BidLogCounters counters = new BidLogCounters();
    private final WriterHealth health;
    private final DiskUsage disk;
    private final BidLogWriter writer;
    private final FilePublisher publisher;
    private final Thread thread;
    private volatile boolean closed;

    private FileBidLog(BidLogConfig config, String taskId, BidLogFiles files, LongSupplier clockMs) throws IOException {
        this.config = config;
        this.queue = new RecordQueue(config.queueCapacity(), config.queueMaxBytes());
        files.createDirectories(config.dir());
        long now = clockMs.getAsLong();
        long firstSeq = BidLogRecovery.recover(files, config.dir(), taskId, now);
        this.publisher = new FilePublisher(files);
        ActiveFile active = new ActiveFile(files, config.dir(), taskId, firstSeq, publisher);
        this.disk = new DiskUsage(files, config.dir(), config.maxDiskBytes(), BidLogWriter.DISK_RESCAN_MS);
        disk.scan(active, now);
        this.health = new WriterHealth(counters, now);
        this.writer = new BidLogWriter(queue, config, clockMs, active, publisher, disk, counters, health);
        this.thread = new Thread(writer, "bid-log-writer");
        // A writer stuck on a dead disk must not keep the JVM alive past shutdown; close() bounds the wait.
        thread.setDaemon(true);
    }

    /** Opens the bid log on the real file system and starts its writer thread. */
    public static FileBidLog start(BidLogConfig config, String taskId) throws IOException {
        return start(config, taskId, BidLogFiles.system(), System::currentTimeMillis);
    }

    /**
     * Opens the bid log on {@code files} with the wall clock {@code clockMs} (file age, directory rescans) and
     * starts its writer thread. Publishes active files an earlier run left behind.
     */
    public static FileBidLog start(BidLogConfig config, String taskId, BidLogFiles files, LongSupplier clockMs)
            throws IOException {
        FileBidLog log = new FileBidLog(config, taskId, files, clockMs);
        log.thread.start();
        return log;
    }

    @Override
    public boolean offer(BidLogRecord record) {
        if (record == null) {
            return false;
        }
        if (closed) {
            counters.drop(DropCause.CLOSED);
            return false;
        }
        if (queue.offer(record)) {
            return true;
        }
        counters.drop(DropCause.QUEUE_FULL);
        return false;
    }

    /**
     * Stops accepting records, lets the writer drain the queue and publish the last file, and waits for it at most
     * {@code BID_LOG_CLOSE_TIMEOUT_MS}. Returns true when everything queued was handled in time. Otherwise it logs
     * how many records are still queued and returns false; the writer goes on with them for as long as the
     * process lives.
     */
    public boolean shutdown() {
        if (closed) {
            return !thread.isAlive();
        }
        closed = true;
        writer.requestClose();
        LockSupport.unpark(thread);
        try {
            thread.join(config.closeTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            // A producer that passed the closed check just before close() may have queued after the last drain.
            long late = 0;
            while (queue.poll() != null) {
                late++;
            }
            counters.drop(DropCause.CLOSED, late);
            return late == 0;
        }
        LOG.error("bid-log writer did not finish within {} ms; {} records are still queued and {} rotated files"
                + " wait for fsync and their ready name; what is not written is lost, an unpublished file is"
                + " recovered at the next start", config.closeTimeoutMs(), queue.size(), publisher.pending());
        return false;
    }

    @Override
    public void close() {
        shutdown();
    }

    @Override
    public int queueDepth() {
        return queue.size();
    }

    @Override
    public long queueBytes() {
        return queue.bytes();
    }

    /** Rotated files the publisher has not yet forced and renamed to their ready names. */
    @Override
    public int filesPublishing() {
        return publisher.pending();
    }

    @Override
    public long diskBytes() {
        return disk.bytes();
    }

    @Override
    public int diskFiles() {
        return disk.files();
    }

    @Override
    public long maxDiskBytes() {
        return config.maxDiskBytes();
    }

    @Override
    public boolean overBudget() {
        return health.overBudget();
    }

    @Override
    public boolean writeFailing() {
        return health.writeFailing();
    }

    @Override
    public BidLogState state() {
        return health.state();
    }

    @Override
    public long stateSinceMs() {
        return health.stateSinceMs();
    }

    @Override
    public long droppedInState() {
        return health.droppedInState();
    }

    @Override
    public String writeError() {
        return health.writeError();
    }

    @Override
    public long written() {
        return counters.written();
    }

    @Override
    public long dropped(DropCause cause) {
        return counters.dropped(cause);
    }

    /** Waits for the writer thread to end; for tests that stall it and then let it go. */
    boolean awaitWriterExit(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }
}
