package dev.obrol.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ByteArrayOutputStream flushed = new ByteArrayOutputStream();

    @Test
    void everyLineFromManyThreadsArrivesInOrderPerThreadAndIsFlushedWithoutAStop() throws Exception {
        BatchingAppender sut = start(8); // a tiny queue: producers must wait, never drop
        Logger log = context.getLogger("traffic");
        log.addAppender(sut);
        int threads = 4;
        int perThread = 2_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.info("t{} n{}", id, i);
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }

        await().untilAsserted(() -> assertThat(flushedLines()).as("all lines flushed while still running").hasSize(threads * perThread));
        List<String> lines = flushedLines();
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + " ";
            List<String> own = lines.stream().filter(l -> l.startsWith(prefix)).toList();
            assertThat(own).as("thread %d's lines in order", t).hasSize(perThread);
            for (int i = 0; i < perThread; i++) {
                assertThat(own.get(i)).isEqualTo(prefix + "n" + i);
            }
        }
        sut.stop();
    }

    @Test
    void aLineLoggedAfterTheWriterWentIdleIsFlushedWithoutAStop() {
        BatchingAppender sut = start(64);
        Logger log = context.getLogger("traffic");
        log.addAppender(sut);
        log.info("first");
        await().untilAsserted(() -> assertThat(flushedLines()).containsExactly("first"));
        await().until(sut::writerAsleep);
        log.info("second, on an idle server");
        await().untilAsserted(() -> assertThat(flushedLines()).as("the sleeping writer was woken")
                .containsExactly("first", "second, on an idle server"));
        sut.stop();
    }

    @Test
    void stopWritesWhatIsStillQueued() {
        BatchingAppender sut = start(65536);
        Logger log = context.getLogger("traffic");
        log.addAppender(sut);
        for (int i = 0; i < 10_000; i++) {
            log.info("line {}", i);
        }
        sut.stop();
        assertThat(flushedLines()).hasSize(10_000).endsWith("line 9999");
    }

    private BatchingAppender start(int queueSize) {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // SLF4J sets it in real use
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> child = new OutputStreamAppender<>();
        child.setContext(context);
        child.setName("child");
        child.setEncoder(encoder);
        child.setImmediateFlush(false);
        // Bytes count as flushed only when flush() is called: proves the batch flush happens.
        child.setOutputStream(new java.io.BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written.write(b, off, len);
            }

            @Override
            public void flush() {
                synchronized (flushed) {
                    flushed.reset();
                    flushed.writeBytes(written.toByteArray());
                }
            }
        }, 1 << 20));
        child.start();
        BatchingAppender sut = new BatchingAppender();
        sut.setContext(context);
        sut.setName("batch");
        sut.setQueueSize(queueSize);
        sut.addAppender(child);
        sut.start();
        return sut;
    }

    private List<String> flushedLines() {
        synchronized (flushed) {
            String text = flushed.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }
}
