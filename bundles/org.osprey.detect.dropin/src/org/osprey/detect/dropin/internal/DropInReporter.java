package org.osprey.detect.dropin.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what Felix File Install does with the drop-in folder ({@code felix.fileinstall.dir}) into the product's log,
 * where an analyst sees it. File Install alone is silent about it: it logs only to the OSGi log service (in Equinox
 * nobody reads that, and entries below WARN are dropped) and it skips a jar that is no bundle without a word.
 * <ul>
 * <li>A bundle from the folder installed, started, stopped or removed: a {@link BundleListener}.</li>
 * <li>A jar that is no bundle (corrupt, not a zip, no {@code Bundle-SymbolicName}): this component is an
 * {@link ArtifactInstaller} for exactly those files, so File Install hands them here instead of skipping them; they are
 * reported and never installed.</li>
 * <li>File Install's own warnings and errors, for example a bundle that does not resolve and the import it misses: a
 * {@link LogListener}.</li>
 * </ul>
 * Nothing here can stop the product: every callback only logs.
 */
@Component(immediate = true, service = ArtifactInstaller.class)
public final class DropInReporter implements ArtifactInstaller, BundleListener, LogListener {

    static final String FOLDER_PROPERTY = "felix.fileinstall.dir";
    private static final String FILE_INSTALL = "org.apache.felix.fileinstall";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Logger LOG = LoggerFactory.getLogger("org.osprey.detect.dropin");

    private final LogReaderService logReader;
    private final BundleContext context;
    private final Path folder;

    @Activate
    public DropInReporter(BundleContext context, @Reference LogReaderService logReader) {
        this.context = context;
        this.logReader = logReader;
        this.folder = folder(context);
        context.addBundleListener(this);
        logReader.addLogListener(this);
        if (folder != null) {
            LOG.info("Detector bundles dropped into {} start without a restart", folder);
        }
    }

    @Deactivate
    void deactivate() {
        logReader.removeLogListener(this);
        context.removeBundleListener(this);
    }

    /** The watched folder with File Install's {@code ${property}} variables replaced, or {@code null} when unset. */
    static Path folder(BundleContext context) {
        String value = context.getProperty(FOLDER_PROPERTY);
        if (value == null) {
            return null;
        }
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String replacement = context.getProperty(variable.group(1));
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        variable.appendTail(resolved);
        return Path.of(resolved.toString()).toAbsolutePath().normalize();
    }

    // --- jars that are no bundle ---------------------------------------------------------------------------------

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && whyNotABundle(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        LOG.error("{} is not a bundle and was not installed: {}", artifact, whyNotABundle(artifact));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    /**
     * File Install takes the file away from this installer: it was deleted, or it became a bundle (a jar copied in
     * slowly was seen half-written). In the second case File Install forgets to install it until the file changes
     * again, so its modification time is moved on: the next poll installs it.
     */
    @Override
    public void uninstall(File artifact) {
        if (artifact.isFile() && whyNotABundle(artifact) == null) {
            LOG.info("{} is a bundle now (it was still being written); it is installed at the next look", artifact);
            if (!artifact.setLastModified(Math.max(System.currentTimeMillis(), artifact.lastModified() + 1_000))) {
                LOG.warn("{} could not be touched: change it again (touch) to have it installed", artifact);
            }
        } else {
            LOG.info("{} was removed (it was not a bundle)", artifact);
        }
    }

    /** Why File Install would skip this jar, or {@code null} when it is a bundle. */
    static String whyNotABundle(File jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return "it has no META-INF/MANIFEST.MF";
            }
            if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return "its manifest has no Bundle-SymbolicName (a plain jar, not an OSGi bundle)";
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "it cannot be read as a jar (" + e.getMessage() + ")";
        }
    }

    // --- bundles from the folder ---------------------------------------------------------------------------------

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (!isFromFolder(bundle.getLocation())) {
            return;
        }
        String what = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "installed";
            case BundleEvent.STARTED -> "started";
            case BundleEvent.STOPPED -> "stopped";
            case BundleEvent.UPDATED -> "updated";
            case BundleEvent.UNINSTALLED -> "removed";
            default -> null;
        };
        if (what != null) {
            LOG.info("Drop-in bundle {} {} {} ({})", bundle.getSymbolicName(), bundle.getVersion(), what,
                    bundle.getLocation());
        }
    }

    boolean isFromFolder(String location) {
        if (folder == null || !location.startsWith("file:")) {
            return false;
        }
        try {
            Path parent = Path.of(URI.create(location)).normalize().getParent();
            return folder.equals(parent);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // --- File Install's own complaints ---------------------------------------------------------------------------

    @Override
    public void logged(LogEntry entry) {
        if (!FILE_INSTALL.equals(entry.getBundle().getSymbolicName())) {
            return;
        }
        LogLevel level = entry.getLogLevel();
        Throwable problem = entry.getException();
        String text = problem == null ? entry.getMessage() : entry.getMessage() + ": " + problem.getMessage();
        text = text.strip().replaceAll("\\s*\\n\\s*", "; "); // a resolver error lists the missing imports on lines
        if (level == LogLevel.ERROR) {
            LOG.error("{}", text);
        } else if (level == LogLevel.WARN) {
            LOG.warn("{}", text);
        }
    }
}
