package dev.obrol.bench;

import dev.obrol.Version;
import dev.obrol.protocol.ClientMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * obrol's JSON lines (docs/PROTOCOL.md): SET_USERNAME to log in, as a v1 client or as an obrol
 * (protocol 2) client announcing some features; MSG frames out, PEER_MSG frames in. The MSG
 * frame up to the text is the same for every message to one partner, so it is encoded once.
 */
final class ObrolWire implements ChatWire {
    private static final byte[] SUCCESS = FrameFields.bytes("SUCCESS");
    private static final byte[] PEER_MSG = FrameFields.bytes("PEER_MSG");
    private static final byte[] ERROR = FrameFields.bytes("ERROR");
    private static final byte[] PRESENCE = FrameFields.bytes("PRESENCE");
    private static final byte[] MSG_SUFFIX = FrameFields.bytes("\"}\n");

    private final boolean obrolLogin;
    private final List<String> features;

    private ObrolWire(boolean obrolLogin, List<String> features) {
        this.obrolLogin = obrolLogin;
        this.features = features;
    }

    /** Logins as obrol (protocol 2) clients announcing no features, or as v1 clients. */
    static ObrolWire login(boolean obrolLogin) {
        return new ObrolWire(obrolLogin, null);
    }

    /** Logins as obrol (protocol 2) clients announcing {@code features} (e.g. stream_files). */
    static ObrolWire obrolLogin(List<String> features) {
        return new ObrolWire(true, List.copyOf(features));
    }

    @Override
    public String name() {
        return obrolLogin ? "obrol" : "v1";
    }

    @Override
    public byte[] login(String name) {
        ClientMessage.SetUsername login = obrolLogin
                ? new ClientMessage.SetUsername(name, 2, "obrol-bench/" + Version.current(), null, features)
                : ClientMessage.SetUsername.v1(name);
        return BenchWire.line(login);
    }

    @Override
    public ReceivedLine newLine() {
        return new FrameFields();
    }

    @Override
    public Meaning meaning(ReceivedLine line) {
        // The frequent case first.
        if (line.typeIs(PEER_MSG)) {
            return Meaning.DIRECT_MESSAGE;
        }
        if (line.typeIs(PRESENCE)) {
            // Presence events reach obrol-protocol logins.
            return Meaning.NOISE;
        }
        if (line.typeIs(ERROR)) {
            return Meaning.ERROR;
        }
        return line.typeIs(SUCCESS) ? Meaning.WELCOME : Meaning.OTHER;
    }

    @Override
    public byte[] reply(ReceivedLine line) {
        return null;
    }

    @Override
    public byte[] messagePrefix(String to) {
        // The bench's usernames (RunIds) are letters, digits and dashes: nothing to escape.
        return ("{\"type\":\"MSG\",\"to_username\":\"" + to + "\",\"message\":\"").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] messageSuffix() {
        return MSG_SUFFIX.clone();
    }
}
