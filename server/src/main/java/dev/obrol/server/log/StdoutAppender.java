package dev.obrol.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output through a buffer of its own. Logback's ConsoleAppender writes through
 * {@code System.out}, which flushes (one system call) on every line; under {@link
 * BatchingAppender} this one is flushed once per batch instead.
 */
public final class StdoutAppender extends OutputStreamAppender<ILoggingEvent> {
    private final Redirectable target = new Redirectable(new FileOutputStream(FileDescriptor.out));

    @Override
    public void start() {
        setOutputStream(new BufferedOutputStream(target, 64 * 1024));
        super.start();
    }

    /**
     * Sends the lines to {@code destination} instead of standard output, or back to standard output
     * when null: the operator console on a terminal prints them above the line being typed.
     */
    public void redirect(OutputStream destination) {
        target.delegate = destination != null ? destination : target.stdout;
    }

    /** Standard output, or whatever {@link #redirect} chose; the buffer in front of it stays the same. */
    private static final class Redirectable extends OutputStream {
        final OutputStream stdout;
        volatile OutputStream delegate;

        Redirectable(OutputStream stdout) {
            this.stdout = stdout;
            this.delegate = stdout;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            stdout.close();
        }
    }
}
