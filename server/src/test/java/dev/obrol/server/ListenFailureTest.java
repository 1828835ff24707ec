package dev.obrol.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.obrol.server.ListenFailure.Cause;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class ListenFailureTest {
    private static final ServerTexts ENGLISH = ServerTexts.forLanguage("en");

    @Test
    void theEpollTransportsErrnoNamesTheCause() {
        assumeTrue(Epoll.isAvailable(), "the native transport's exception needs its library");

        assertThat(ListenFailure.causeOf(new Errors.NativeIoException("bind(..)", -98))).isEqualTo(Cause.IN_USE);
        assertThat(ListenFailure.causeOf(new Errors.NativeIoException("bind(..)", -99))).isEqualTo(Cause.NOT_LOCAL);
        assertThat(ListenFailure.causeOf(new Errors.NativeIoException("bind(..)", -13))).isEqualTo(Cause.NO_PERMISSION);
        assertThat(ListenFailure.causeOf(new Errors.NativeIoException("bind(..)", -24))).isEqualTo(Cause.OTHER);
    }

    @Test
    void theNioTransportsBindExceptionNamesTheCause() {
        assertThat(ListenFailure.causeOf(new BindException("Address already in use"))).isEqualTo(Cause.IN_USE);
        assertThat(ListenFailure.causeOf(new BindException("Cannot assign requested address"))).isEqualTo(Cause.NOT_LOCAL);
        assertThat(ListenFailure.causeOf(new BindException("Permission denied"))).isEqualTo(Cause.NO_PERMISSION);
        assertThat(ListenFailure.causeOf(new RuntimeException(new UnresolvedAddressException()))).isEqualTo(Cause.UNKNOWN_HOST);
    }

    @Test
    void eachCauseIsOneLineWithTheHostAndThePortAsTyped() {
        assertThat(ListenFailure.describe(ENGLISH, "10.1.2.3", 8000, new BindException("Cannot assign requested address")))
                .isEqualTo("Cannot listen on 10.1.2.3:8000: 10.1.2.3 is not an address of this machine.");
        assertThat(ListenFailure.describe(ENGLISH, "0.0.0.0", 80, new BindException("Permission denied")))
                .startsWith("Cannot listen on 0.0.0.0:80: permission denied");
        assertThat(ListenFailure.describe(ENGLISH, "0.0.0.0", 8000, new IllegalStateException("something else")))
                .as("an unknown cause keeps the transport's words").isEqualTo("Cannot listen on 0.0.0.0:8000: something else");
        assertThat(ListenFailure.describe(ServerTexts.forLanguage("id"), "0.0.0.0", 12345, new BindException("Address already in use")))
                .startsWith("Tidak bisa mendengarkan di 0.0.0.0:12345: port 12345 sudah dipakai.");
    }
}
