package dev.obrol.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes log events on one background thread in batches: the thread takes whatever has queued
 * up, hands each event to the attached appenders (configured with {@code immediateFlush=false}),
 * then flushes them once. Under load that is one write per batch instead of one per line; when
 * idle every line is still on disk at once.
 *
 * <p>Unlike Logback's {@code AsyncAppender} it never drops an event and never flushes per line:
 * a full queue makes the logging thread wait (the traffic log must lose no line). {@link #stop}
 * drains the queue before returning.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    private static final int MAX_BATCH = 4096;

    private final AppenderAttachableImpl<ILoggingEvent> children = new AppenderAttachableImpl<>();
    private int queueSize = 65536;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread worker;
    private volatile boolean stopping;

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (queueSize < 1) {
            addError("queueSize must be positive");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        worker = new Thread(this::drainLoop, "obrol-log-" + getName());
        worker.setDaemon(true);
        super.start();
        worker.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // fixes the message and thread name now
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            children.appendLoopOnAppenders(event); // never lose a line: write it here instead
        }
    }

    private void drainLoop() {
        List<ILoggingEvent> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                ILoggingEvent first = queue.take();
                batch.add(first);
            } catch (InterruptedException e) {
                if (stopping) {
                    break;
                }
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            writeAndFlush(batch);
        }
        queue.drainTo(batch);
        writeAndFlush(batch);
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

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        stopping = true;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.stop();
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
