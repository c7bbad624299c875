package org.osprey.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The agent's TLS identity: a PKCS#12 keystore with one private key and its certificate.
 * <p>
 * {@link #loadOrCreate} keeps it in the agent's state directory: on first start it makes an EC P-256 key and a
 * self-signed certificate (BouncyCastle, ~10 years, SANs localhost, 127.0.0.1, ::1 and the given host names) and
 * stores it with a random password, both files owner-only. EC P-256 because it is generated in milliseconds, is
 * supported by every TLS 1.3 stack, and the certificate stays small. {@link #load} opens a keystore the operator
 * configured instead.
 */
public final class AgentKeystore {

    /** File names in the state directory. */
    public static final String KEYSTORE_FILE = "agent.p12", PASSWORD_FILE = "agent.p12.password";
    static final String ALIAS = "osprey-agent";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;
    private final Path path;
    private final boolean created;

    private AgentKeystore(KeyStore keyStore, char[] password, X509Certificate certificate, Path path, boolean created) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
        this.path = path;
        this.created = created;
    }

    /**
     * Opens the keystore in {@code stateDirectory}, or makes one with a new self-signed certificate when there is none.
     *
     * @param hostNames extra names or addresses the certificate should carry (e.g. the bind address); may be empty
     */
    public static AgentKeystore loadOrCreate(Path stateDirectory, List<String> hostNames)
            throws IOException, GeneralSecurityException {
        Path keystoreFile = stateDirectory.resolve(KEYSTORE_FILE);
        Path passwordFile = stateDirectory.resolve(PASSWORD_FILE);
        if (Files.exists(keystoreFile)) {
            if (!Files.exists(passwordFile)) {
                throw new IOException("keystore " + keystoreFile + " exists but its password file " + passwordFile
                        + " does not; remove the keystore to make a new certificate (clients will then see a changed fingerprint)");
            }
            char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
            return load(keystoreFile, password);
        }
        OwnerOnlyFiles.createDirectory(stateDirectory);
        char[] password = randomPassword();
        KeyPair keyPair = newKeyPair();
        X509Certificate certificate = selfSign(keyPair, hostNames);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), password, new Certificate[] { certificate });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        keyStore.store(bytes, password);
        OwnerOnlyFiles.write(passwordFile, new String(password).getBytes(StandardCharsets.US_ASCII));
        OwnerOnlyFiles.create(keystoreFile, bytes.toByteArray());
        return new AgentKeystore(keyStore, password, certificate, keystoreFile, true);
    }

    /** Opens a PKCS#12 (or JKS) keystore holding exactly one private key entry. */
    public static AgentKeystore load(Path keystoreFile, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(keystoreFile.toFile(), password);
        String keyAlias = null;
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias)) {
                if (keyAlias != null) {
                    throw new GeneralSecurityException("keystore " + keystoreFile + " holds more than one private key ("
                            + keyAlias + ", " + alias + "); give the agent a keystore with one");
                }
                keyAlias = alias;
            }
        }
        if (keyAlias == null || !(keyStore.getCertificate(keyAlias) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException("keystore " + keystoreFile + " holds no private key with an X.509 certificate");
        }
        return new AgentKeystore(keyStore, password.clone(), certificate, keystoreFile, false);
    }

    private static char[] randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSign(KeyPair keyPair, List<String> hostNames) throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=Osprey agent,O=Osprey");
        Instant now = Instant.now();
        BigInteger serial = new BigInteger(64, new SecureRandom());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostNames));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(List<String> hostNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(hostNames);
        List<GeneralName> generalNames = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank() || name.equals("0.0.0.0") || name.equals("::")) {
                continue;
            }
            boolean address = name.matches("[0-9.]+") || name.contains(":");
            try {
                generalNames.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, name));
            } catch (IllegalArgumentException e) {
                // not a valid address literal: the certificate simply does not name it (clients pin the fingerprint)
            }
        }
        return new GeneralNames(generalNames.toArray(GeneralName[]::new));
    }

    /** The keystore, ready for a TLS key manager. */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** The password of the keystore and of its key. */
    public char[] password() {
        return password.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's SHA-256 fingerprint (see {@link CertificateFingerprint}). */
    public String fingerprint() {
        return CertificateFingerprint.sha256(certificate);
    }

    /** Where the keystore file is. */
    public Path path() {
        return path;
    }

    /** Whether {@link #loadOrCreate} made it just now. */
    public boolean created() {
        return created;
    }
}
