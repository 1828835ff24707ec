package dev.obrol.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log events on one background thread in batches: the thread takes whatever has queued
 * up, hands each event to the attached appenders (configured with {@code immediateFlush=false}),
 * then flushes them once. Under load that is one write per batch instead of one per line.
 *
 * <p>Unlike Logback's {@code AsyncAppender} it never drops an event and never flushes per line:
 * a full queue makes the logging thread wait (the traffic log must lose no line). {@link #stop}
 * drains the queue before returning.
 *
 * <p>Producers (the event loops) never take a lock and normally make no system call: the queue
 * is lock-free, and after a batch the writer pauses for {@link #GATHER_NANOS} so the next batch
 * can gather instead of being woken for every line. Only when it has found the queue empty and
 * gone to sleep does the next producer wake it, so a line logged on an idle server is still on
 * disk at once. The handshake that makes this safe: the writer sets {@code sleeping} before it
 * checks the queue a last time; a producer adds its event before it reads {@code sleeping}; so
 * either the writer sees the event or the producer sees the flag and unparks it.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    private static final int MAX_BATCH = 4096;
    /** How long the writer lets lines gather after a batch: a millisecond of delay, hundreds of lines per write under load. */
    static final long GATHER_NANOS = 1_000_000;
    /** How long a producer waits for room in a full queue before it looks again. */
    private static final long FULL_WAIT_NANOS = 50_000;

    private final AppenderAttachableImpl<ILoggingEvent> children = new AppenderAttachableImpl<>();
    private int queueSize = 65536;
    private Queue<ILoggingEvent> queue;
    private Thread worker;
    private volatile boolean stopping;
    private volatile boolean sleeping;

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (queueSize < 1) {
            addError("queueSize must be positive");
            return;
        }
        queue = PlatformDependent.newFixedMpscQueue(queueSize);
        stopping = false;
        worker = new Thread(this::drainLoop, "obrol-log-" + getName());
        worker.setDaemon(true);
        super.start();
        worker.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // fixes the message and thread name now
        while (!queue.offer(event)) {
            // Full: wait for the writer, never drop. An interrupted producer writes the line itself.
            wakeWriter();
            if (Thread.currentThread().isInterrupted() || stopping) {
                children.appendLoopOnAppenders(event);
                return;
            }
            LockSupport.parkNanos(this, FULL_WAIT_NANOS);
        }
        if (sleeping) {
            wakeWriter();
        }
    }

    private void wakeWriter() {
        sleeping = false;
        LockSupport.unpark(worker);
    }

    private void drainLoop() {
        List<ILoggingEvent> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            ILoggingEvent event;
            while (batch.size() < MAX_BATCH && (event = queue.poll()) != null) {
                batch.add(event);
            }
            if (!batch.isEmpty()) {
                boolean full = batch.size() == MAX_BATCH;
                writeAndFlush(batch);
                if (!full && !stopping) {
                    LockSupport.parkNanos(this, GATHER_NANOS);
                }
                continue;
            }
            if (stopping) {
                return; // queue drained
            }
            sleeping = true;
            if (queue.isEmpty() && !stopping) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    private void writeAndFlush(List<ILoggingEvent> batch) {
        for (ILoggingEvent event : batch) {
            children.appendLoopOnAppenders(event);
        }
        batch.clear();
        for (Iterator<Appender<ILoggingEvent>> it = children.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> stream && stream.getOutputStream() != null) {
                try {
                    stream.getOutputStream().flush();
                } catch (IOException e) {
                    addError("cannot flush " + stream.getName(), e);
                }
            }
        }
    }

    /** For tests: the writer found the queue empty and sleeps until a producer wakes it. */
    boolean writerAsleep() {
        return sleeping && worker.getState() == Thread.State.WAITING;
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        stopping = true;
        LockSupport.unpark(worker);
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.stop(); // from here no event is accepted
        if (!worker.isAlive()) {
            // A line queued after the writer's last look: write it here, the writer is gone.
            List<ILoggingEvent> rest = new ArrayList<>();
            for (ILoggingEvent event; (event = queue.poll()) != null; ) {
                rest.add(event);
            }
            writeAndFlush(rest);
        }
        children.detachAndStopAllAppenders();
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        children.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return children.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return children.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return children.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        children.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return children.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return children.detachAppender(name);
    }
}
