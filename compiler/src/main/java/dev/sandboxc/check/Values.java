package dev.sandboxc.check;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Domain;
import dev.sandboxc.model.Duration;
import dev.sandboxc.model.Forward;
import dev.sandboxc.model.GuestPath;
import dev.sandboxc.model.HostPath;
import dev.sandboxc.model.KeySource;
import dev.sandboxc.model.Keyword;
import dev.sandboxc.model.SecretSource;
import dev.sandboxc.model.Size;
import dev.sandboxc.model.Span;
import dev.sandboxc.model.Transport;
import dev.sandboxc.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads typed values out of phrases. Each reader either returns the value or
 * reports one precise diagnostic ("memory expects a size such as 8 GiB, got
 * \"8192\"") and returns null. A quoted string is read like the same bare words,
 * so `"8 GiB"` and `8 GiB` mean the same.
 */
final class Values {
    private final Diagnostics diagnostics;

    Values(Diagnostics diagnostics) { this.diagnostics = diagnostics; }

    void error(String code, Span span, String message, String label, String help) {
        diagnostics.add(Diagnostic.error(code, span, message, label, help));
    }

    private void expected(String key, String what, Ast.Phrase p, String label, String help) {
        error("E201", p.span(), key + " expects " + what + ", got " + Ast.describe(p), label, help);
    }

    /** The phrase as plain words: bare words as they are, a string's content split on blanks. */
    private List<String> words(Ast.Phrase p) {
        List<String> out = new ArrayList<>();
        for (Ast.Term t : p.terms()) {
            if (t instanceof Ast.Word w) out.add(w.text());
            else if (t instanceof Ast.Str s) {
                for (String part : BLANKS.split(s.value().trim())) if (!part.isEmpty()) out.add(part);
            } else return null;
        }
        return out;
    }

    /** One word or one string, taken as it is (strings keep their blanks). */
    String text(Ast.Phrase p, String key, String what) {
        if (p.size() == 1) {
            if (p.first() instanceof Ast.Str s) return s.value();
            if (p.first() instanceof Ast.Word w) return w.text();
        }
        expected(key, what, p, "not " + what, "write one value, quoted if it has blanks: \"...\"");
        return null;
    }

    // ------------------------------------------------------------ numbers

    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+)([A-Za-z]*)");
    // Compiled once rather than by String.split and String.matches on every file of a batch.
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern ENV_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SSH_PUBLIC_KEY = Pattern.compile("(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)"
            + "|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com) [A-Za-z0-9+/=]+( [^\\n\\r]*)?");

    Size size(Ast.Phrase p, String key) {
        List<String> w = words(p);
        String number = null, unit = null;
        if (w != null && w.size() == 1) {
            var m = NUMBER_UNIT.matcher(w.get(0));
            if (m.matches()) { number = m.group(1); unit = m.group(2); }
        } else if (w != null && w.size() == 2 && w.get(0).chars().allMatch(Character::isDigit)) {
            number = w.get(0);
            unit = w.get(1);
        }
        if (number == null) {
            expected(key, "a size such as 8 GiB", p, "not a size", "write a whole number and a unit: 512 MiB, 8 GiB");
            return null;
        }
        if (unit.isEmpty()) {
            // The unit the number most likely meant: "memory = 6" is 6 GiB, "memory = 8192" 8192 MiB.
            String likely = number.length() <= 2 ? " GiB" : " MiB";
            expected(key, "a size such as 8 GiB", p, "a size needs a unit",
                    "write the number with a unit, for example " + number + likely);
            return null;
        }
        long factor = switch (unit.toLowerCase(Locale.ROOT)) {
            case "kib" -> Size.KIB;
            case "mib" -> Size.MIB;
            case "gib" -> Size.GIB;
            case "tib" -> Size.TIB;
            default -> -1;
        };
        if (factor < 0) {
            String hint = switch (unit.toLowerCase(Locale.ROOT)) {
                case "k", "kb" -> "sizes use binary units: write " + number + " KiB";
                case "m", "mb" -> "sizes use binary units: write " + number + " MiB";
                case "g", "gb" -> "sizes use binary units: write " + number + " GiB";
                case "t", "tb" -> "sizes use binary units: write " + number + " TiB";
                default -> "the units are KiB, MiB, GiB and TiB";
            };
            error("E202", p.span(), "unknown size unit '" + unit + "' in " + key, "not a unit", hint);
            return null;
        }
        Long n = parseLong(number);
        if (n == null || n > Long.MAX_VALUE / factor) {
            error("E203", p.span(), key + " is too large", "too large", "memory sizes are at most a few TiB");
            return null;
        }
        return new Size(n * factor);
    }

    Duration duration(Ast.Phrase p, String key) {
        List<String> w = words(p);
        String number = null, unit = null;
        if (w != null && w.size() == 1) {
            var m = NUMBER_UNIT.matcher(w.get(0));
            if (m.matches()) { number = m.group(1); unit = m.group(2); }
        } else if (w != null && w.size() == 2 && w.get(0).chars().allMatch(Character::isDigit)) {
            number = w.get(0);
            unit = w.get(1);
        }
        if (number == null || unit.isEmpty()) {
            expected(key, "a duration such as 60 min", p, number == null ? "not a duration" : "a duration needs a unit",
                    number == null ? "write a whole number and a unit: 90 s, 60 min, 2 h"
                            : "write the number with a unit, for example " + number + " min");
            return null;
        }
        long factor = switch (unit.toLowerCase(Locale.ROOT)) {
            case "s", "sec", "secs", "second", "seconds" -> 1;
            case "min", "mins", "minute", "minutes" -> 60;
            case "h", "hour", "hours" -> 3600;
            case "d", "day", "days" -> 86400;
            default -> -1;
        };
        if (factor < 0) {
            error("E202", p.span(), "unknown duration unit '" + unit + "' in " + key, "not a unit",
                    unit.equalsIgnoreCase("m") ? "write min for minutes (m is ambiguous)" : "the units are s, min, h and d");
            return null;
        }
        Long n = parseLong(number);
        if (n != null && n == 0) {
            error("E203", p.span(), key + " must be longer than zero", "zero", "write a positive duration such as 60 min");
            return null;
        }
        if (n == null || n > 365L * 86400 / factor) {
            error("E203", p.span(), key + " is too long", "too long", "a sandbox timeout is at most a year; usually an hour or two");
            return null;
        }
        return new Duration(n * factor);
    }

    Integer count(Ast.Phrase p, String key, int min, int max, String example) {
        List<String> w = words(p);
        if (w == null || w.size() != 1 || !w.get(0).chars().allMatch(Character::isDigit) || p.first() instanceof Ast.Str) {
            expected(key, "a whole number such as " + example, p, "not a number", "write digits only, without quotes: " + example);
            return null;
        }
        Long n = parseLong(w.get(0));
        if (n == null || n < min || n > max) {
            error("E203", p.span(), key + " must be between " + min + " and " + max + ", got " + w.get(0),
                    "out of range", "choose a value from " + min + " to " + max);
            return null;
        }
        return n.intValue();
    }

    private static Long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ------------------------------------------------------------ keywords

    <E extends Enum<E> & Keyword> E keyword(Ast.Phrase p, String key, Class<E> type) {
        List<String> choices = Keyword.keywords(type);
        List<String> w = words(p);
        if (w == null || w.size() != 1) {
            expected(key, "one of " + String.join(", ", choices), p, "not one of the choices",
                    "write one of: " + String.join(", ", choices));
            return null;
        }
        E value = Keyword.parse(type, w.get(0));
        if (value == null) {
            error("E202", p.span(), "unknown " + key + " '" + w.get(0) + "'", "not a valid " + key,
                    Suggest.hint(w.get(0), choices, "the choices are"));
        }
        return value;
    }

    Boolean onOff(Ast.Phrase p, String key) {
        List<String> w = words(p);
        if (w != null && w.size() == 1) {
            switch (w.get(0)) {
                case "on": return true;
                case "off": return false;
                default: break;
            }
        }
        expected(key, "on or off", p, "not on or off", "write " + key + " = on or " + key + " = off");
        return null;
    }

    // ------------------------------------------------------------ names and paths

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** Sandbox, share, secret and user names: they become Nix attribute names, tags and file names. */
    boolean checkName(String name, Span span, String what) {
        if (name.length() <= 48 && NAME.matcher(name).matches()) return true;
        error("E207", span, "invalid " + what + " name '" + name + "'", "not a valid name",
                "a name starts with a letter and has letters, digits, '-' and '_' (at most 48)");
        return false;
    }

    private static final Pattern GUEST_PATH = Pattern.compile("(/[A-Za-z0-9._@+-]+)+|/");

    GuestPath guestPath(Ast.Phrase p, String key) {
        String s = text(p, key, "an absolute guest path such as /workspace");
        if (s == null) return null;
        if (!s.startsWith("/")) {
            error("E204", p.span(), key + " must be an absolute path in the guest, got " + quote(s), "not absolute",
                    "guest paths start with '/': /" + s.replaceFirst("^[./]+", ""));
            return null;
        }
        String norm = s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        if (!GUEST_PATH.matcher(norm).matches() || norm.contains("//")) {
            error("E204", p.span(), "invalid guest path " + quote(s), "not a plain path",
                    "use letters, digits and . _ - @ + between slashes; no blanks, no '//'");
            return null;
        }
        for (String seg : norm.split("/")) {
            if (seg.equals("..") || seg.equals(".")) {
                error("E204", p.span(), "guest path " + quote(s) + " has a '" + seg + "' segment", "not normalised",
                        "write the path without '.' or '..' segments");
                return null;
            }
        }
        return new GuestPath(norm);
    }

    HostPath hostPath(Ast.Phrase p, String key) {
        String s = text(p, key, "a host path such as \".\"");
        if (s == null) return null;
        if (s.isEmpty()) {
            error("E204", p.span(), key + " is empty", "empty path", "write \".\" for the folder that holds this file");
            return null;
        }
        if (s.indexOf('\0') >= 0 || s.indexOf('\n') >= 0) {
            error("E204", p.span(), key + " has a control character", "not a path", "host paths are plain text on one line");
            return null;
        }
        if (s.startsWith("~") && !s.equals("~") && !s.startsWith("~/")) {
            error("E204", p.span(), key + " names another user's home: " + quote(s), "not supported",
                    "write ~/path for your own home, or an absolute path");
            return null;
        }
        return HostPath.of(s);
    }

    // ------------------------------------------------------------ network

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** A domain of {@code allow} (CONNECT, port 443 by default) or {@code allow-http} (plain HTTP, port 80). */
    Domain domain(Ast.Phrase p, String key, boolean plainHttp) {
        String s = text(p, key, "a domain such as \"api.example.com:443\"");
        if (s == null) return null;
        if (s.contains("://") || s.contains("/")) {
            error("E205", p.span(), key + " takes a domain, not a URL: " + quote(s), "not a domain",
                    plainHttp ? "write the host, and the port if it is not 80, for example \"deb.debian.org\""
                            : "write the host and port only, for example \"github.com:443\"");
            return null;
        }
        String host = s;
        int port = plainHttp ? 80 : 443;
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            host = s.substring(0, colon);
            Integer parsed = port(s.substring(colon + 1));
            if (parsed == null) {
                error("E205", p.span(), "invalid port in " + quote(s), "not a port", "a port is a number from 1 to 65535");
                return null;
            }
            port = parsed;
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean wildcard = false;
        if (host.startsWith("*.")) {
            wildcard = true;
            host = host.substring(2);
        }
        if (host.equals("*")) {
            error("E205", p.span(), "'*' allows every domain", "not an allowlist",
                    "list the domains the agent needs; an unrestricted network is mode = nat");
            return null;
        }
        boolean ip = IPV4.matcher(host).matches();
        if (ip) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    error("E205", p.span(), "invalid IPv4 address " + quote(host), "not an address", "each part is 0 to 255");
                    return null;
                }
            }
            if (wildcard) {
                error("E205", p.span(), "a wildcard cannot apply to an IP address", "not a domain", "write the address alone");
                return null;
            }
            return new Domain(host, false, port, true, plainHttp);
        }
        String[] labels = host.split("\\.", -1);
        boolean valid = host.length() <= 253 && labels.length >= 2;
        for (String label : labels) valid &= LABEL.matcher(label).matches();
        if (!valid) {
            String hint = host.contains("*") ? "a wildcard is allowed only as the whole leftmost label: *.example.com"
                    : labels.length < 2 ? "write a full domain name with a dot, such as example.com"
                    : "domain labels are letters, digits and '-', separated by dots";
            error("E205", p.span(), "invalid domain " + quote(s), "not a domain", hint);
            return null;
        }
        return new Domain(host, wildcard, port, false, plainHttp);
    }

    static Integer port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) return null;
        int n = Integer.parseInt(text);
        return n >= 1 && n <= 65535 ? n : null;
    }

    /** `[tcp|udp] [ADDRESS:]PORT -> PORT`. */
    Forward forward(Ast.Phrase p, String key) {
        List<Ast.Term> t = p.terms();
        int arrow = -1;
        for (int i = 0; i < t.size(); i++) if (t.get(i) instanceof Ast.Arrow) arrow = i;
        String usage = "write a forward as: tcp 127.0.0.1:2222 -> 22";
        if (arrow < 1 || arrow != t.size() - 2 || arrow > 2 || !(t.get(arrow + 1) instanceof Ast.Word guest)
                || !(t.get(arrow - 1) instanceof Ast.Word hostWord)) {
            error("E206", p.span(), "invalid port forward " + quote(Ast.describe(p)), "not a forward", usage);
            return null;
        }
        Transport transport = Transport.TCP;
        if (arrow == 2) {
            if (!(t.get(0) instanceof Ast.Word w) || (transport = Keyword.parse(Transport.class, w.text())) == null) {
                error("E206", t.get(0).span(), "unknown transport " + quote(Ast.describe(t.get(0))), "not tcp or udp", usage);
                return null;
            }
        }
        String host = hostWord.text();
        String address = "127.0.0.1";
        String hostPort = host;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            address = host.substring(0, colon);
            hostPort = host.substring(colon + 1);
            if (!(address.equals("localhost") || IPV4.matcher(address).matches())) {
                error("E206", hostWord.span(), "invalid host address " + quote(address) + " in forward", "not an IPv4 address",
                        "bind forwards to 127.0.0.1 (the default when only a port is given)");
                return null;
            }
            if (address.equals("localhost")) address = "127.0.0.1";
        }
        Integer hp = port(hostPort);
        Integer gp = port(guest.text());
        if (hp == null || gp == null) {
            Span at = hp == null ? hostWord.span() : guest.span();
            error("E206", at, "invalid port " + quote(hp == null ? hostPort : guest.text()) + " in forward", "not a port",
                    "a port is a number from 1 to 65535");
            return null;
        }
        return new Forward(transport, address, hp, gp);
    }

    // ------------------------------------------------------------ constructors

    /** `secret NAME`: returns NAME. */
    String secretRef(Ast.Phrase p, String key) {
        if (p.size() == 2 && p.first() instanceof Ast.Word w && w.text().equals("secret")
                && p.terms().get(1) instanceof Ast.Word name) {
            return name.text();
        }
        expected(key, "a secret reference such as `secret anthropic`", p, "not a secret reference",
                "declare `secret NAME { from = env \"VAR\" }` in the sandbox and write " + key + " = secret NAME;"
                        + " a key is never written in the file itself");
        return null;
    }

    SecretSource secretSource(Ast.Phrase p, String key) {
        if (p.size() == 2 && p.first() instanceof Ast.Word w && p.terms().get(1) instanceof Ast.Str s) {
            if (w.text().equals("env")) {
                if (!ENV_VARIABLE.matcher(s.value()).matches()) {
                    error("E201", s.span(), "invalid environment variable name " + quote(s.value()), "not a variable name",
                            "variable names are letters, digits and '_', not starting with a digit");
                    return null;
                }
                return new SecretSource(SecretSource.Kind.ENV, s.value());
            }
            if (w.text().equals("file")) {
                HostPath path = hostPath(new Ast.Phrase(List.of(s), s.span()), key);
                return path == null ? null : new SecretSource(SecretSource.Kind.FILE, path.raw());
            }
        }
        expected(key, "env \"VARIABLE\" or file \"PATH\"", p, "not a secret source",
                "write from = env \"ANTHROPIC_API_KEY\" or from = file \"/run/secrets/token\"");
        return null;
    }

    KeySource keySource(Ast.Phrase p, String key) {
        if (p.size() == 1 && p.first() instanceof Ast.Str s) {
            if (!SSH_PUBLIC_KEY.matcher(s.value()).matches()) {
                error("E201", s.span(), key + " entry is not an SSH public key", "not a public key",
                        "paste the whole line of the .pub file, or write file \"~/.ssh/id_ed25519.pub\"");
                return null;
            }
            return new KeySource(KeySource.Kind.LITERAL, s.value());
        }
        if (p.size() == 2 && p.first() instanceof Ast.Word w && w.text().equals("file") && p.terms().get(1) instanceof Ast.Str s) {
            HostPath path = hostPath(new Ast.Phrase(List.of(s), s.span()), key);
            return path == null ? null : new KeySource(KeySource.Kind.FILE, path.raw());
        }
        expected(key, "a public key \"ssh-ed25519 AAAA...\" or file \"PATH\"", p, "not a key",
                "write file \"~/.ssh/id_ed25519.pub\" or the key line in quotes");
        return null;
    }

    // ------------------------------------------------------------ lists

    /** The items of `[ ... ]`, or null (reported) when the phrase is not one list. */
    List<Ast.Phrase> list(Ast.Phrase p, String key, String example) {
        if (p.size() == 1 && p.first() instanceof Ast.ListTerm l) return l.items();
        expected(key, "a list such as " + example, p, "not a list", "put the values in brackets: " + key + " = " + example);
        return null;
    }

    /** A list whose items are single words or strings; `[ git gh jq ]` gives three. */
    List<Ast.Phrase> flatList(Ast.Phrase p, String key, String example) {
        List<Ast.Phrase> items = list(p, key, example);
        if (items == null) return null;
        List<Ast.Phrase> out = new ArrayList<>();
        for (Ast.Phrase item : items) {
            for (Ast.Term t : item.terms()) {
                if (t instanceof Ast.ListTerm || t instanceof Ast.Arrow) {
                    error("E201", t.span(), key + " items are single values", "unexpected here",
                            "write the items one after another: " + example);
                    continue;
                }
                out.add(new Ast.Phrase(List.of(t), t.span()));
            }
        }
        return out;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\u{%x}", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
