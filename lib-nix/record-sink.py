# sandboxc record sink (copied verbatim into every generated flake).
#
# cloud-hypervisor's vsock is a Unix socket on the host: a guest connection to the
# host (CID 2) on port P arrives at the Unix socket SOCKET_P, with no handshake.
# sandbox-up runs one sink for the VM's lifetime, bound to those sockets before the
# VM starts, so the guest's records and task results reach the host's record folder
# as they are written:
#
#   record-sink --append SOCKET FILE ... --serve SOCKET FILE ...
#     --append  every connection's bytes are appended to FILE (opened O_APPEND, so the
#               guest can add to it, never rewrite or truncate it)
#     --serve   every connection receives FILE's bytes, then is closed (the task text)
#
# Sockets are created 0600; the sink stops on SIGTERM or SIGINT and removes them.
import os
import signal
import socket
import stat
import sys
import threading

CHUNK = 65536


def parse_args(argv):
    appends, serves = [], []
    i = 0
    while i < len(argv):
        key = argv[i]
        if key not in ("--append", "--serve") or i + 2 >= len(argv) or not argv[i + 1] or not argv[i + 2]:
            raise SystemExit("record-sink: usage: record-sink (--append|--serve) SOCKET FILE ...")
        (appends if key == "--append" else serves).append((argv[i + 1], argv[i + 2]))
        i += 3
    if not appends and not serves:
        raise SystemExit("record-sink: nothing to do")
    return appends, serves


def listen(path):
    # A socket left by a killed run would make bind fail; anything else there is not ours.
    try:
        if stat.S_ISSOCK(os.lstat(path).st_mode):
            os.unlink(path)
    except FileNotFoundError:
        pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        server.bind(path)
    finally:
        os.umask(old)
    server.listen(8)
    return server


def append_from(conn, target):
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        while True:
            data = conn.recv(CHUNK)
            if not data:
                return
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def serve_to(conn, target):
    try:
        with open(target, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        data = b""
    conn.sendall(data)
    conn.shutdown(socket.SHUT_WR)


def handle(conn, action, target):
    try:
        action(conn, target)
    except OSError:
        pass
    finally:
        conn.close()


def accept_loop(server, action, target):
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        threading.Thread(target=handle, args=(conn, action, target), daemon=True).start()


def main(argv):
    appends, serves = parse_args(argv)
    paths = [p for p, _ in appends + serves]
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    servers = []
    try:
        for path, target in appends:
            servers.append((listen(path), append_from, target))
        for path, target in serves:
            servers.append((listen(path), serve_to, target))
        for server, action, target in servers:
            threading.Thread(target=accept_loop, args=(server, action, target), daemon=True).start()
        while not stop.wait(3600):
            pass
    finally:
        for server, _, _ in servers:
            server.close()
        for path in paths:
            try:
                os.unlink(path)
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
