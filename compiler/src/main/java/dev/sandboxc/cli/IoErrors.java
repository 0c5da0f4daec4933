package dev.sandboxc.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * I/O failures in words: Java's file-system exceptions often carry only the path
 * ("/proc/out"), which tells the user where but not why.
 */
final class IoErrors {
    private IoErrors() {}

    /** "PATH: why", for messages that do not name the file themselves. */
    static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason(e);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Just why, for messages that name the file already. */
    static String reason(Throwable e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) return f.getReason();
            return e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : e instanceof DirectoryNotEmptyException ? "folder not empty"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : "cannot be used";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
