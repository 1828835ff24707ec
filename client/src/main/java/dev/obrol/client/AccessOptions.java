package dev.obrol.client;

import dev.obrol.net.ConfigDir;
import dev.obrol.net.Fingerprints;
import dev.obrol.net.KnownServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code obrol client} about access: TLS and the server password (a picocli mixin).
 * There is deliberately no {@code --password}: other local users could read it in the process list.
 */
public final class AccessOptions {

    /** How the client talks to the server. */
    public enum TlsMode {
        /** Plain TCP, as the original. */
        OFF,
        /** TLS, trusting the certificate by its fingerprint (remembered on first use). */
        PIN,
        /** TLS, trusting certificate authorities and checking the host name. */
        VERIFY
    }

    @Option(names = "--tls", description = "Use TLS and trust the server by its certificate's fingerprint: the first time it "
            + "is shown to compare with the one the operator published, then remembered in known_servers in the config "
            + "folder. A changed certificate is refused.")
    boolean tls;

    @Option(names = "--tls-verify", description = "Use TLS and verify the certificate with the usual certificate "
            + "authorities and the host name (for servers with a real certificate).")
    boolean tlsVerify;

    @Option(names = "--fingerprint", paramLabel = "FINGERPRINT", description = "Trust the server only if its certificate has "
            + "this fingerprint (SHA256:AB:CD:..., as the server prints it), without asking (implies --tls; for scripts).")
    String fingerprint;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Server password in the first line of FILE. Or set "
            + "OBROL_PASSWORD; otherwise it is asked for if the server wants one. (No --password option: the process "
            + "list would show it to other users.)")
    Path passwordFile;

    /** Read by {@link #validate}, so an unreadable file is a usage error before anything else happens. */
    private String filePassword;

    public TlsMode tlsMode() {
        if (tlsVerify) {
            return TlsMode.VERIFY;
        }
        return tls || fingerprint != null ? TlsMode.PIN : TlsMode.OFF;
    }

    /** The --fingerprint in canonical form, or null. Call {@link #validate} first. */
    public String expectedFingerprint() {
        return fingerprint == null ? null : Fingerprints.normalize(fingerprint);
    }

    /** Fails fast, with picocli's usage message, on options that cannot work together. */
    void validate(CommandLine commandLine, Texts texts) {
        if (tlsVerify && (tls || fingerprint != null)) {
            throw new ParameterException(commandLine, texts.get("error.option.tlsBoth"));
        }
        if (fingerprint != null) {
            try {
                Fingerprints.normalize(fingerprint);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, texts.get("error.option.fingerprint", fingerprint));
            }
        }
        if (passwordFile != null) {
            try {
                // The first line, as the server reads its own --password-file.
                filePassword = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new ParameterException(commandLine, texts.get("error.option.passwordFile", passwordFile));
            }
        }
    }

    /** After {@link #validate}: TLS as chosen, pinned fingerprints kept in the config folder that {@code env} names. */
    TlsSetup tls(Ui ui, Texts texts, Map<String, String> env) {
        KnownServers known = new KnownServers(ConfigDir.get(env::get).resolve("known_servers"));
        return new TlsSetup(tlsMode(), expectedFingerprint(), known, ui, texts);
    }

    /** After {@link #validate}: the password from --password-file, else OBROL_PASSWORD in {@code env}, else asked for. */
    PasswordSource passwords(Ui ui, Texts texts, Map<String, String> env) {
        return new PasswordSource(givenPassword(env.get("OBROL_PASSWORD")), ui, texts);
    }

    private PasswordSource.Given givenPassword(String fromEnvironment) {
        if (filePassword != null) {
            return new PasswordSource.Given(filePassword, "--password-file " + passwordFile);
        }
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return new PasswordSource.Given(fromEnvironment, "OBROL_PASSWORD");
        }
        return null;
    }
}
