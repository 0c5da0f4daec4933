# sandboxc egress proxy (copied verbatim into every generated flake).
#
# qemu runs one of these per guest connection to the proxy address (a guestfwd
# "cmd:"), with the connection on stdin and stdout. It reads one request: a CONNECT
# to a host and port on the allowlist, or a plain-HTTP request (absolute URL, as a
# client sends it to its proxy) to a host and port the allowlist marks `http`. It
# resolves the name itself (the guest has no DNS), refuses loopback, private,
# link-local, CGNAT, multicast and metadata addresses after resolution, then relays
# bytes both ways (a plain-HTTP request goes on in origin form, with Connection:
# close, so one connection carries one request to the host that was checked).
# Every decision is one JSON line appended to the log.
#
# Usage: egress-proxy --allow FILE --log FILE [--trusted-net CIDR]... [--resolve HOST=IP]...
#                     [--request-timeout SECONDS]
#   --allow        one pattern per line: host:port or *.domain:port ('#' comments);
#                  `http host:port` allows plain-HTTP requests instead of CONNECT
#   --trusted-net  addresses inside CIDR are allowed although private (a registry
#                  on the company network, or a test server on loopback)
#   --resolve      answer HOST with IP instead of asking DNS (tests)
import ipaddress
import json
import os
import select
import socket
import sys
import time

MAX_HEADER = 8192
REQUEST_TIMEOUT = 10.0
CONNECT_TIMEOUT = 10.0
IDLE_TIMEOUT = 3600.0
METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
SHARED = ipaddress.ip_network("100.64.0.0/10")


def parse_args(argv):
    opts = {"allow": None, "log": None, "trusted": [], "resolve": {}, "timeout": REQUEST_TIMEOUT}
    i = 0
    while i < len(argv):
        key = argv[i]
        if i + 1 >= len(argv):
            raise SystemExit("egress-proxy: " + key + " needs a value")
        value = argv[i + 1]
        if key == "--allow":
            opts["allow"] = value
        elif key == "--log":
            opts["log"] = value
        elif key == "--trusted-net":
            opts["trusted"].append(ipaddress.ip_network(value, strict=False))
        elif key == "--request-timeout":
            opts["timeout"] = float(value)
        elif key == "--resolve":
            host, _, ip = value.partition("=")
            opts["resolve"][host.lower()] = ip
        else:
            raise SystemExit("egress-proxy: unknown option " + key)
        i += 2
    if not opts["allow"] or not opts["log"]:
        raise SystemExit("egress-proxy: --allow and --log are required")
    return opts


def load_allowlist(path):
    patterns = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            kind = "connect"
            if line.startswith("http "):
                kind, line = "http", line[5:].strip()
            host, _, port = line.rpartition(":")
            patterns.append((kind, host.lower(), int(port)))
    return patterns


def allowed(patterns, kind, host, port):
    for k, pattern, p in patterns:
        if k != kind or p != port:
            continue
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]) and len(host) > len(pattern) - 1:
                return True
        elif host == pattern:
            return True
    return False


def forbidden_reason(ip, trusted):
    for net in trusted:
        if ip.version == net.version and ip in net:
            return None
    if ip in METADATA:
        return "metadata address"
    if ip.is_loopback:
        return "loopback address"
    if ip.is_link_local:
        return "link-local address"
    if ip.version == 4 and ip in SHARED:
        return "carrier-grade NAT address"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return "non-routable address"
    if ip.is_private:
        return "private address"
    return None


class Log:
    def __init__(self, path):
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def write(self, **record):
        record = dict({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "pid": os.getpid()}, **record)
        # One write per line: O_APPEND keeps lines of concurrent proxies whole.
        os.write(self.fd, (json.dumps(record, sort_keys=True) + "\n").encode("utf-8"))


def read_request(fd, timeout):
    data = b""
    deadline = time.monotonic() + timeout
    while b"\r\n\r\n" not in data and b"\n\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0:
            return None, "request timed out"
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None, "request timed out"
        chunk = os.read(fd, 4096)
        if not chunk:
            return None, "connection closed before a request"
        data += chunk
        if len(data) > MAX_HEADER:
            return None, "request header too large"
    head, sep, rest = data.partition(b"\r\n\r\n") if b"\r\n\r\n" in data else data.partition(b"\n\n")
    return (head, rest), None


def reply(status, text):
    os.write(1, ("HTTP/1.1 %d %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" % (status, text)).encode("ascii"))


HOP_BY_HOP = {b"connection", b"proxy-connection", b"keep-alive", b"proxy-authorization", b"proxy-authenticate"}


def origin_form(head, method, path):
    """The request for the origin server: origin-form target, no hop-by-hop headers, one request."""
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    out = [("%s %s HTTP/1.1" % (method, path)).encode("latin-1")]
    for header in lines[1:]:
        name = header.split(b":", 1)[0].strip().lower()
        if name in HOP_BY_HOP:
            continue
        out.append(header)
    out.append(b"Connection: close")
    return b"\r\n".join(out) + b"\r\n\r\n"


def relay(conn, rest):
    if rest:
        conn.sendall(rest)
    inputs = [0, conn]
    while inputs:
        ready, _, _ = select.select(inputs, [], [], IDLE_TIMEOUT)
        if not ready:
            return
        for r in ready:
            if r == 0:
                data = os.read(0, 65536)
                if not data:
                    inputs.remove(0)
                    try:
                        conn.shutdown(socket.SHUT_WR)
                    except OSError:
                        pass
                else:
                    conn.sendall(data)
            else:
                data = conn.recv(65536)
                if not data:
                    return
                os.write(1, data)


def main(argv):
    opts = parse_args(argv)
    log = Log(opts["log"])
    patterns = load_allowlist(opts["allow"])
    request, problem = read_request(0, opts["timeout"])
    if request is None:
        log.write(decision="deny", reason=problem)
        if problem != "connection closed before a request":
            reply(408 if "timed out" in problem else 431, "Request Refused")
        return 0
    head, rest = request
    line = head.split(b"\n", 1)[0].decode("latin-1").strip()
    parts = line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        log.write(decision="deny", reason="malformed request", request=line[:200])
        reply(400, "Bad Request")
        return 0
    method, target, _ = parts
    if method == "CONNECT":
        kind = "connect"
        host, _, port_text = target.rpartition(":")
    elif target.lower().startswith("http://"):
        # A plain-HTTP request as clients send it to a proxy: METHOD http://host[:port]/path.
        kind = "http"
        authority, slash, path = target[7:].partition("/")
        path = slash + path or "/"
        if "@" in authority or not method.isalpha() or not method.isupper():
            log.write(decision="deny", reason="malformed request", request=line[:200])
            reply(400, "Bad Request")
            return 0
        if authority.endswith("]") or ":" not in authority.rpartition("]")[2]:
            host, port_text = authority, "80"
        else:
            host, _, port_text = authority.rpartition(":")
    else:
        log.write(decision="deny", reason="only CONNECT and plain-HTTP requests to listed hosts are allowed",
                  request=line[:200])
        reply(405, "Method Not Allowed")
        return 0
    host = host.strip("[]").lower().rstrip(".")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        log.write(decision="deny", reason="malformed target", request=line[:200])
        reply(400, "Bad Request")
        return 0
    port = int(port_text)
    if not allowed(patterns, kind, host, port):
        log.write(decision="deny", reason="not on the allowlist", kind=kind, host=host, port=port)
        reply(403, "Forbidden")
        return 0
    try:
        if host in opts["resolve"]:
            addresses = [opts["resolve"][host]]
        else:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            addresses = [info[4][0] for info in infos]
    except (OSError, UnicodeError) as e:
        log.write(decision="error", reason="cannot resolve: " + str(e), host=host, port=port)
        reply(502, "Bad Gateway")
        return 0
    ips = [ipaddress.ip_address(a.split("%")[0]) for a in addresses]
    for ip in ips:
        reason = forbidden_reason(ip, opts["trusted"])
        if reason is not None:
            # One bad answer refuses the name: DNS can be made to alternate.
            log.write(decision="deny", reason="resolves to a " + reason, host=host, port=port, address=str(ip))
            reply(403, "Forbidden")
            return 0
    conn = None
    last = "no address"
    for ip in ips:
        try:
            conn = socket.create_connection((str(ip), port), timeout=CONNECT_TIMEOUT)
            break
        except OSError as e:
            last = str(e)
    if conn is None:
        log.write(decision="error", reason="cannot connect: " + last, host=host, port=port)
        reply(502, "Bad Gateway")
        return 0
    conn.settimeout(None)
    if kind == "connect":
        log.write(decision="allow", kind=kind, host=host, port=port, address=conn.getpeername()[0])
        os.write(1, b"HTTP/1.1 200 Connection established\r\n\r\n")
        first = rest
    else:
        log.write(decision="allow", kind=kind, method=method, host=host, port=port, path=path[:200],
                  address=conn.getpeername()[0])
        first = origin_form(head, method, path) + rest
    try:
        relay(conn, first)
    except OSError:
        pass
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(0)
