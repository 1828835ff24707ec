package dev.obrol.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/**
 * Standard output through a buffer of its own. Logback's ConsoleAppender writes through
 * {@code System.out}, which flushes (one system call) on every line; under {@link
 * BatchingAppender} this one is flushed once per batch instead.
 */
public final class StdoutAppender extends OutputStreamAppender<ILoggingEvent> {
    @Override
    public void start() {
        setOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024));
        super.start();
    }
}
