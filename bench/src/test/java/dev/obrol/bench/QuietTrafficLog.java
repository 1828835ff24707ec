package dev.obrol.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.obrol.server.TrafficLog;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/** Silences the in-process server's traffic lines during a test class (thousands of them otherwise), then restores the level. */
final class QuietTrafficLog implements BeforeAllCallback, AfterAllCallback {
    private Level previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger traffic = (Logger) LoggerFactory.getLogger(TrafficLog.LOGGER);
        previous = traffic.getLevel();
        traffic.setLevel(Level.WARN);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ((Logger) LoggerFactory.getLogger(TrafficLog.LOGGER)).setLevel(previous);
    }
}
