package org.osprey.detect.dropin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.log.LogReaderService;
import org.osgi.util.tracker.ServiceTracker;

/** The reporter in the OSGi test runtime: real files, the service as File Install finds it. */
class DropInReporterTest {

    @TempDir
    Path dir;

    private final BundleContext context = FrameworkUtil.getBundle(DropInReporter.class).getBundleContext();

    @Test
    void claimsExactlyTheJarsFileInstallWouldSkipAndSaysWhy() throws Exception {
        File garbage = dir.resolve("garbage.jar").toFile();
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(garbage.toPath(), bytes);
        File noManifest = zipWithoutManifest(dir.resolve("classes.jar"));
        File plainJar = jar(dir.resolve("plain.jar"), null);
        File bundle = jar(dir.resolve("bundle.jar"), "org.example.fine");

        ArtifactInstaller installer = service(ArtifactInstaller.class);

        assertTrue(installer.canHandle(garbage));
        assertTrue(installer.canHandle(noManifest));
        assertTrue(installer.canHandle(plainJar));
        assertFalse(installer.canHandle(bundle), "a bundle is File Install's to install");
        assertFalse(installer.canHandle(dir.resolve("notes.txt").toFile()), "only jars");

        assertTrue(DropInReporter.whyNotABundle(garbage).startsWith("it cannot be read as a jar"));
        assertEquals("it has no META-INF/MANIFEST.MF", DropInReporter.whyNotABundle(noManifest));
        assertTrue(DropInReporter.whyNotABundle(plainJar).contains("no Bundle-SymbolicName"));
        assertNull(DropInReporter.whyNotABundle(bundle));
    }

    @Test
    void aJarThatBecameABundleIsTouchedSoThatFileInstallInstallsIt() throws Exception {
        ArtifactInstaller installer = service(ArtifactInstaller.class);
        File jar = dir.resolve("slow-copy.jar").toFile();
        Files.write(jar.toPath(), new byte[] {'P', 'K', 3, 4}); // the first bytes of a jar, the rest still to come
        assertTrue(installer.canHandle(jar));
        installer.install(jar);

        jar(jar.toPath(), "org.example.slow");
        long written = jar.lastModified();
        installer.uninstall(jar); // File Install hands it back: it is a bundle now

        assertTrue(jar.lastModified() > written, "modification time moved on, so File Install sees a change");
        assertFalse(installer.canHandle(jar));
    }

    @Test
    void knowsTheBundlesOfTheWatchedFolderWithFileInstallVariablesResolved() throws Exception {
        System.setProperty("osprey.dropin.test.root", dir.toString());
        System.setProperty(DropInReporter.FOLDER_PROPERTY, "${osprey.dropin.test.root}/sub/../detectors");
        try {
            DropInReporter reporter = new DropInReporter(context, service(LogReaderService.class));
            try {
                Path folder = dir.resolve("detectors");
                assertEquals(folder, DropInReporter.folder(context));
                assertTrue(reporter.isFromFolder(folder.resolve("x.jar").toUri().toString()));
                assertFalse(reporter.isFromFolder(dir.resolve("x.jar").toUri().toString()), "beside the folder");
                assertFalse(reporter.isFromFolder(folder.resolve("sub/x.jar").toUri().toString()), "below it");
                assertFalse(reporter.isFromFolder("reference:file:plugins/org.osprey.core_0.1.0.jar"));
            } finally {
                reporter.deactivate();
            }
        } finally {
            System.clearProperty(DropInReporter.FOLDER_PROPERTY);
            System.clearProperty("osprey.dropin.test.root");
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(10_000); // hang guard: SCR activates the component at start
            assertNotNull(service, "no " + type.getName() + " service");
            return service;
        } finally {
            tracker.close();
        }
    }

    private static File jar(Path path, String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("readme.txt"));
            jar.write("hello".getBytes());
        }
        return path.toFile();
    }

    private static File zipWithoutManifest(Path path) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
            zip.putNextEntry(new ZipEntry("Example.class"));
            zip.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        return path.toFile();
    }
}
