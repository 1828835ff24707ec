package dev.obrol.server.guard;

import dev.obrol.net.Fingerprints;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server's TLS context and the fingerprint its users should pin. Either from PEM files the
 * operator provides ({@link #fromPem}), or a self-signed certificate kept in the config folder and
 * reused across restarts, so the fingerprint users pinned stays valid ({@link #selfSigned}).
 *
 * <p>The self-signed certificate is made with the JDK's own {@code keytool}: Netty's
 * SelfSignedCertificate is deprecated and needs either BouncyCastle (several MB in the jar) or
 * JDK-internal classes; keytool ships with every JDK and writes a standard PKCS#12 file.
 */
public record ServerTls(SslContext context, String fingerprint) {
    /** PKCS#12 needs a password; the file's permissions (owner only) are the real protection. */
    private static final char[] STORE_PASSWORD = "obrol-self-signed".toCharArray();
    private static final String ALIAS = "obrol";

    /** TLS with the operator's certificate chain and private key (PEM, key in PKCS#8). */
    public static ServerTls fromPem(Path certificateChain, Path privateKey) throws IOException {
        try (InputStream certs = Files.newInputStream(certificateChain); InputStream key = Files.newInputStream(privateKey)) {
            byte[] chain = certs.readAllBytes();
            SslContext context = SslContextBuilder.forServer(new ByteArrayInputStream(chain), key).build();
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(chain));
            return new ServerTls(context, Fingerprints.sha256(leaf));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("Cannot use certificate " + certificateChain + " with key " + privateKey + ": " + e.getMessage(), e);
        }
    }

    /** TLS with the self-signed certificate in {@code store}, created there first if missing. */
    public static ServerTls selfSigned(Path store) throws IOException {
        if (!Files.exists(store)) {
            generate(store);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, STORE_PASSWORD);
            X509Certificate certificate = (X509Certificate) keys.getCertificate(ALIAS);
            return new ServerTls(SslContextBuilder.forServer(factory).build(), Fingerprints.sha256(certificate));
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the self-signed certificate in " + store + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path store) throws IOException {
        Path folder = store.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("Cannot make a self-signed certificate: " + keytool + " is missing. Use --cert and --key.");
        }
        String password = new String(STORE_PASSWORD);
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=obrol self-signed", "-validity", "3650",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed to make a self-signed certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a self-signed certificate", e);
        } finally {
            process.destroy();
        }
        if (!isWindows()) {
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
