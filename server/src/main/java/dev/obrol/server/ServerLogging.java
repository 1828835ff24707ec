package dev.obrol.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.File;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Switches Logback to the server's configuration (traffic to standard output and a rotating file)
 * and flushes it on the way out. The operator may point {@code -Dobrol.logback} at their own file.
 */
final class ServerLogging {
    private ServerLogging() {}

    static void configure() throws JoranException, java.net.MalformedURLException {
        String custom = System.getProperty("obrol.logback");
        URL config = custom != null
                ? new File(custom).toURI().toURL()
                : ServerLogging.class.getResource("/logback-server.xml");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
    }

    /** Drains the asynchronous appenders so no traffic line is lost at exit. */
    static void flush() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
