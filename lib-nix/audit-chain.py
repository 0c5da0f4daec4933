# sandboxc audit chain (copied verbatim into every generated flake).
#
# A run's record folder holds what the guest and the egress proxy wrote, line by
# line. `seal` chains a SHA-256 digest over every line of every file (each digest
# covers the previous one), writes the chain to chain.jsonl and prints the final
# digest, which sandbox-up shows on the terminal: keep it, and a later edit,
# deletion or truncation of any record shows up in `verify`.
#
# Usage: audit-chain seal DIR
#        audit-chain verify DIR [--head HEX]
# verify exits 0 when the records match the chain (and the head, if given), 1 when
# they do not, saying which record differs first, 2 when it cannot check.
import hashlib
import json
import os
import sys

CHAIN = "chain.jsonl"
GENESIS = "0" * 64


def record_files(folder):
    names = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name != CHAIN and not name.startswith(".") and os.path.isfile(path) and not os.path.islink(path):
            names.append(name)
    return names


def records(folder, name):
    with open(os.path.join(folder, name), "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def chain(folder):
    """Yields (file, index, digest) for every record, in a fixed order."""
    digest = GENESIS
    for name in record_files(folder):
        for i, line in enumerate(records(folder, name)):
            h = hashlib.sha256()
            h.update(digest.encode("ascii"))
            h.update(b"\0" + name.encode("utf-8") + b"\0")
            h.update(line)
            digest = h.hexdigest()
            yield name, i + 1, digest


def seal(folder):
    entries = list(chain(folder))
    tmp = os.path.join(folder, "." + CHAIN + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for name, index, digest in entries:
            f.write(json.dumps({"file": name, "record": index, "sha256": digest}, sort_keys=True) + "\n")
    os.chmod(tmp, 0o400)
    os.replace(tmp, os.path.join(folder, CHAIN))
    head = entries[-1][2] if entries else GENESIS
    print("sha256:%s (%d records)" % (head, len(entries)))
    return 0


def verify(folder, expected_head):
    path = os.path.join(folder, CHAIN)
    if not os.path.isfile(path):
        print("audit-chain: %s is not sealed (no %s)" % (folder, CHAIN))
        return 2
    with open(path, encoding="utf-8") as f:
        sealed = [json.loads(line) for line in f if line.strip()]
    actual = list(chain(folder))
    problems = []
    for i, entry in enumerate(sealed):
        if i >= len(actual):
            missing = len(sealed) - len(actual)
            problems.append("truncated: %d sealed records are missing, from %s record %d on"
                            % (missing, entry["file"], entry["record"]))
            break
        name, index, digest = actual[i]
        if (name, index) != (entry["file"], entry["record"]):
            problems.append("records missing or moved: expected %s record %d, found %s record %d"
                            % (entry["file"], entry["record"], name, index))
            break
        if digest != entry["sha256"]:
            problems.append("altered: %s record %d does not match the chain" % (name, index))
            break
    if not problems and len(actual) > len(sealed):
        name, index, _ = actual[len(sealed)]
        problems.append("%d records were added after sealing, from %s record %d on"
                        % (len(actual) - len(sealed), name, index))
    head = sealed[-1]["sha256"] if sealed else GENESIS
    if expected_head and expected_head.removeprefix("sha256:") != head:
        problems.append("the chain itself was rewritten: its head is sha256:%s, not %s" % (head, expected_head))
    if problems:
        for p in problems:
            print("audit-chain: " + p)
        return 1
    print("audit-chain: %d records intact, head sha256:%s" % (len(sealed), head))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "seal" and len(argv) == 2:
        return seal(argv[1])
    if len(argv) in (2, 4) and argv[0] == "verify":
        head = argv[3] if len(argv) == 4 and argv[2] == "--head" else None
        if len(argv) == 4 and head is None:
            print("usage: audit-chain verify DIR [--head HEX]")
            return 2
        return verify(argv[1], head)
    print("usage: audit-chain seal DIR | audit-chain verify DIR [--head HEX]")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
