package org.osprey.transport.tls;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Secrets on disk (token, keystore, known agents): created readable and writable by the owner only (rw-------), in a
 * directory only the owner can enter, written to a temporary file first and moved into place, so that no other user
 * ever sees a partial or open file.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_RW = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /** Creates the directory (and parents) owner-only when missing; an existing one is left as it is. */
    public static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (isPosix(directory.toAbsolutePath().getRoot())) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_RWX));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Writes {@code content} to {@code file} with permissions rw------- (replacing it atomically if it exists). */
    public static void write(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        createDirectory(directory);
        Path temporary;
        if (isPosix(directory)) {
            temporary = Files.createTempFile(directory, ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_RW));
        } else {
            temporary = Files.createTempFile(directory, ".tmp-", "");
        }
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Like {@link #write} but fails with {@link FileAlreadyExistsException} when the file exists. */
    public static void create(Path file, byte[] content) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        write(file, content);
    }

    /** Whether group or others may read or write the file (always false where POSIX permissions do not exist). */
    public static boolean isExposed(Path file) throws IOException {
        if (!isPosix(file.toAbsolutePath().getParent())) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean isPosix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
