package dev.sandboxc.cli;

/**
 * A command line that parsed but makes no sense (two formats to stdout, -o with
 * several files): exit 2 with the message and a pointer to the command's help.
 */
final class UsageException extends Exception {
    UsageException(String message) { super(message); }
}
