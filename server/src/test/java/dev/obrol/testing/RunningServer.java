package dev.obrol.testing;

import dev.obrol.server.ObrolServer;
import dev.obrol.server.ServerConfig;
import dev.obrol.server.TrafficLog;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server with the default configuration on a free loopback port, started before each test
 * and closed after it, its traffic log recorded. Register it as a field:
 * {@code @RegisterExtension final RunningServer running = new RunningServer();}
 */
public final class RunningServer implements BeforeEachCallback, AfterEachCallback {
    private final TrafficRecorder traffic = new TrafficRecorder();
    private ObrolServer sut;
    private InetSocketAddress address;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        sut = new ObrolServer(ServerConfig.defaults("127.0.0.1", 0), new TrafficLog(traffic.logger()));
        address = sut.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sut.close();
    }

    public ObrolServer sut() {
        return sut;
    }

    public InetSocketAddress address() {
        return address;
    }

    public TrafficRecorder traffic() {
        return traffic;
    }
}
