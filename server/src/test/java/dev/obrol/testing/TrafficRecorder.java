package dev.obrol.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** Captures the traffic lines of one test server (a logger of its own, so tests never mix). */
public final class TrafficRecorder {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public TrafficRecorder() {
        logger = (Logger) LoggerFactory.getLogger("obrol.traffic.test" + NEXT.incrementAndGet());
        logger.setAdditive(false);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    public org.slf4j.Logger logger() {
        return logger;
    }

    /** The lines logged so far, formatted (without the time and [TRAFFIC] prefix). */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while adding
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
