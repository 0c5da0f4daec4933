package dev.sandboxc.model;

/** A host port forwarded into the guest: tcp 127.0.0.1:2222 -> 22. */
public record Forward(Transport transport, String hostAddress, int hostPort, int guestPort) {
    @Override public String toString() {
        return transport.keyword() + " " + hostAddress + ":" + hostPort + " -> " + guestPort;
    }
}
