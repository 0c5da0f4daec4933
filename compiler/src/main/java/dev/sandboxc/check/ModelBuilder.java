package dev.sandboxc.check;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Access;
import dev.sandboxc.model.AgentKind;
import dev.sandboxc.model.Autonomy;
import dev.sandboxc.model.Domain;
import dev.sandboxc.model.Duration;
import dev.sandboxc.model.Forward;
import dev.sandboxc.model.GuestPath;
import dev.sandboxc.model.HostPath;
import dev.sandboxc.model.Hypervisor;
import dev.sandboxc.model.KeySource;
import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.NinePSecurity;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.SecretSource;
import dev.sandboxc.model.ShareProto;
import dev.sandboxc.model.Size;
import dev.sandboxc.model.Span;
import dev.sandboxc.model.Sudo;
import dev.sandboxc.model.SystemArch;
import dev.sandboxc.model.Val;
import dev.sandboxc.syntax.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Builds the typed model from the syntax tree: resolves `extends`, reads every
 * block against its schema, fills in defaults. Reports structure and type errors;
 * cross-cutting rules (references, hypervisor capabilities) are {@link Checker}'s.
 */
public final class ModelBuilder {

    public static final String DEFAULT_NIXPKGS = "nixos-25.05";
    public static final String DEFAULT_MICROVM = "f30ae9b9e740116d044935c9c0c68bd1c2ce8432";
    public static final String DEFAULT_USER = "agent";
    static final Size DEFAULT_MEMORY = new Size(4 * Size.GIB);
    static final int DEFAULT_VCPUS = 2;
    static final Duration DEFAULT_TIMEOUT = new Duration(3600);

    /** Sandboxes are compiled; profiles only lend their settings through `extends`. */
    public record Result(List<Sandbox> sandboxes, List<Sandbox> profiles) {}

    private record Decl(String kind, String name, Span nameSpan, Ast.Section section, Ast.Label parent) {}

    private final Diagnostics diagnostics;
    private final Values values;
    private final Map<String, Decl> decls = new LinkedHashMap<>();
    private final Map<String, List<Ast.Entry>> resolved = new HashMap<>();

    private ModelBuilder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.values = new Values(diagnostics);
    }

    public static Result build(Ast.Document doc, Diagnostics diagnostics) {
        return new ModelBuilder(diagnostics).run(doc);
    }

    /** E111, unless an error already dropped entries of the block: the setting may be there, unreadable. */
    private void missing(Ast.Section block, Span span, String message, String label, String help) {
        if (!block.damaged()) error("E111", span, message, label, help);
    }

    private void error(String code, Span span, String message, String label, String help) {
        diagnostics.add(Diagnostic.error(code, span, message, label, help));
    }

    private Result run(Ast.Document doc) {
        for (Ast.Entry e : doc.entries()) declare(e);
        // Profiles alone compile to nothing: there would be no flake to write.
        boolean onlyProfiles = !decls.isEmpty() && decls.values().stream().noneMatch(d -> d.kind.equals("sandbox"));
        if ((decls.isEmpty() || onlyProfiles) && !diagnostics.hasErrors()) {
            Span at = doc.source().span(0, Math.min(1, doc.source().text().length()));
            error("E109", at, "no sandbox in this file", "expected `sandbox NAME { ... }`", onlyProfiles
                    ? "a profile compiles to nothing by itself: declare a sandbox that extends it, e.g. sandbox agent extends "
                            + decls.values().iterator().next().name + " { }"
                    : "declare a sandbox: sandbox agent { agent claude-code { } }");
        }
        List<Sandbox> sandboxes = new ArrayList<>();
        List<Sandbox> profiles = new ArrayList<>();
        for (Decl d : decls.values()) checkDuplicates(d.section.body(), d.kind + " " + d.name);
        for (Decl d : decls.values()) {
            List<Ast.Entry> entries = resolve(d, new HashSet<>());
            if (entries == null) continue;
            Sandbox s = sandbox(d, entries);
            (d.kind.equals("sandbox") ? sandboxes : profiles).add(s);
        }
        return new Result(List.copyOf(sandboxes), List.copyOf(profiles));
    }

    // ------------------------------------------------------------------ declarations

    private void declare(Ast.Entry e) {
        if (e instanceof Ast.Attribute a) {
            error("E109", a.keySpan(), "setting '" + a.key() + "' outside a sandbox", "not inside a block",
                    "settings belong inside `sandbox NAME { ... }` or `profile NAME { ... }`");
            return;
        }
        Ast.Section s = (Ast.Section) e;
        if (!s.key().equals("sandbox") && !s.key().equals("profile")) {
            error("E102", s.keySpan(), "unknown block '" + s.key() + "' at the top level", "not a top-level block",
                    Suggest.hint(s.key(), List.of("sandbox", "profile"), "the file holds"));
            return;
        }
        List<Ast.Label> labels = s.labels();
        boolean shapeOk = labels.size() == 1 || (labels.size() == 3 && !labels.get(1).quoted()
                && labels.get(1).text().equals("extends"));
        if (!shapeOk) {
            Span at = labels.isEmpty() ? s.keySpan() : labels.get(0).span().to(labels.get(labels.size() - 1).span());
            error("E106", at, s.key() + " needs a name" + (labels.isEmpty() ? "" : " and optionally `extends PARENT`"),
                    labels.isEmpty() ? "no name" : "unexpected labels",
                    "write `" + s.key() + " NAME { ... }` or `" + s.key() + " NAME extends PARENT { ... }`");
            return;
        }
        Ast.Label name = labels.get(0);
        if (!values.checkName(name.text(), name.span(), s.key())) return;
        Decl previous = decls.get(name.text());
        if (previous != null) {
            diagnostics.add(Diagnostic.error("E104", name.span(), "duplicate name '" + name.text() + "'",
                    "declared again here", "give each sandbox and profile its own name")
                    .withNote(previous.nameSpan, "first declared here"));
            return;
        }
        decls.put(name.text(), new Decl(s.key(), name.text(), name.span(), s, labels.size() == 3 ? labels.get(2) : null));
    }

    /** The same setting twice, or the same named block twice, in one block. */
    private void checkDuplicates(List<Ast.Entry> body, String where) {
        Map<String, Ast.Entry> seen = new HashMap<>();
        for (Ast.Entry e : body) {
            String id = identity(e);
            Ast.Entry first = seen.putIfAbsent(id, e);
            if (first != null && !(e instanceof Ast.Attribute a && a.append())) {
                String what = e instanceof Ast.Attribute ? "setting '" + e.key() + "'"
                        : ((Ast.Section) e).labels().isEmpty() ? "block '" + e.key() + "'"
                        : e.key() + " '" + ((Ast.Section) e).label(0) + "'";
                diagnostics.add(Diagnostic.error(e instanceof Ast.Attribute ? "E103" : "E104", e.keySpan(),
                        "duplicate " + what + " in " + where, "given again here",
                        isList(e) ? "keep one; to extend an inherited list write " + e.key() + " += [ ... ]" : "keep one")
                        .withNote(first.keySpan(), "first given here"));
            }
            if (e instanceof Ast.Section s) {
                checkDuplicates(s.body(), e.key() + (s.labels().isEmpty() ? "" : " " + s.label(0)));
            }
        }
    }

    private static boolean isList(Ast.Entry e) {
        return e instanceof Ast.Attribute a && a.value().size() == 1 && a.value().first() instanceof Ast.ListTerm;
    }

    private static String identity(Ast.Entry e) {
        if (e instanceof Ast.Section s) {
            StringBuilder b = new StringBuilder("{").append(s.key());
            if (!s.labels().isEmpty()) b.append(' ').append(s.label(0));
            return b.toString();
        }
        return "=" + e.key();
    }

    /** The entries of a declaration with those of its ancestors merged underneath. */
    private List<Ast.Entry> resolve(Decl d, Set<String> visiting) {
        if (resolved.containsKey(d.name)) return resolved.get(d.name);
        List<Ast.Entry> result;
        if (d.parent == null) {
            result = d.section.body();
        } else {
            Decl parent = decls.get(d.parent.text());
            if (parent == null) {
                List<String> names = new ArrayList<>(decls.keySet());
                names.remove(d.name);
                error("E107", d.parent.span(), "unknown sandbox or profile '" + d.parent.text() + "'",
                        "nothing of this name in this file",
                        names.isEmpty() ? "declare `profile " + d.parent.text() + " { ... }` in this file"
                                : Suggest.hint(d.parent.text(), names, "the file declares"));
                result = null;
            } else if (!visiting.add(d.name) || parent == d) {
                error("E108", d.parent.span(), d.kind + " '" + d.name + "' extends itself through '" + d.parent.text() + "'",
                        "cycle", "remove one `extends` so that the chain ends");
                result = null;
            } else {
                List<Ast.Entry> base = resolve(parent, visiting);
                result = base == null ? null : merge(base, d.section.body());
            }
        }
        resolved.put(d.name, result);
        return result;
    }

    /**
     * The child's entries over the parent's: a setting replaces, `+=` appends to the
     * inherited list, a block of the same name merges key by key.
     */
    private List<Ast.Entry> merge(List<Ast.Entry> base, List<Ast.Entry> child) {
        LinkedHashMap<String, Ast.Entry> out = new LinkedHashMap<>();
        for (Ast.Entry e : base) out.putIfAbsent(identity(e), e);
        for (Ast.Entry e : child) {
            String id = identity(e);
            Ast.Entry inherited = out.get(id);
            if (e instanceof Ast.Attribute a && a.append() && inherited instanceof Ast.Attribute p) {
                out.put(id, appendLists(p, a));
            } else if (e instanceof Ast.Section s && inherited instanceof Ast.Section p) {
                out.put(id, new Ast.Section(s.key(), s.keySpan(), s.labels(), merge(p.body(), s.body()), s.span(), s.damaged() || p.damaged()));
            } else {
                out.put(id, e);
            }
        }
        return List.copyOf(out.values());
    }

    private Ast.Entry appendLists(Ast.Attribute base, Ast.Attribute more) {
        if (base.value().size() == 1 && base.value().first() instanceof Ast.ListTerm a
                && more.value().size() == 1 && more.value().first() instanceof Ast.ListTerm b) {
            List<Ast.Phrase> items = new ArrayList<>(a.items());
            items.addAll(b.items());
            Ast.ListTerm joined = new Ast.ListTerm(List.copyOf(items), b.span());
            return new Ast.Attribute(more.key(), more.keySpan(), false, new Ast.Phrase(List.of(joined), b.span()), more.span());
        }
        error("E105", more.keySpan(), "+= appends a list to an inherited list", "not two lists",
                "write " + more.key() + " += [ ... ] where the parent has " + more.key() + " = [ ... ]");
        return more;
    }

    // ------------------------------------------------------------------ sandbox

    private static final Pattern CHANNEL = Pattern.compile("nixos-\\d\\d\\.\\d\\d|nixos-unstable|nixpkgs-unstable|[0-9a-f]{40}");
    private static final Pattern REV = Pattern.compile("[0-9a-f]{40}|[A-Za-z0-9][A-Za-z0-9._/-]{0,99}");
    private static final Pattern STATE_VERSION = Pattern.compile("\\d\\d\\.\\d\\d");
    // Compiled once rather than by String.matches on every file of a batch.
    private static final Pattern CPU_MODEL = Pattern.compile("[A-Za-z0-9_.,=+-]{1,100}");
    /** The least memory a sandbox may have: NixOS boots in it, barely (docs/language.md). */
    static final long MIN_MEMORY_MIB = 256;
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

    private Sandbox sandbox(Decl d, List<Ast.Entry> entries) {
        Span head = d.section.keySpan().to(d.nameSpan);
        Block b = new Block(d.kind + " " + d.name, head, entries, diagnostics);

        Val<SystemArch> system = keyword(b, "system", SystemArch.class, SystemArch.X86_64_LINUX, head);
        Val<Hypervisor> hypervisor = keyword(b, "hypervisor", Hypervisor.class, Hypervisor.QEMU, head);
        Val<String> nixpkgs = pattern(b, "nixpkgs", "a channel such as \"nixos-25.05\" or a 40-digit commit",
                CHANNEL, DEFAULT_NIXPKGS, head);
        Val<String> microvm = pattern(b, "microvm", "a microvm.nix commit (40 hex digits) or branch",
                REV, DEFAULT_MICROVM, head);
        String defaultState = nixpkgs.value().startsWith("nixos-") && STATE_VERSION.matcher(nixpkgs.value().substring(6)).matches()
                ? nixpkgs.value().substring(6) : "25.05";
        Val<String> stateVersion = pattern(b, "state-version", "a NixOS release such as \"25.05\"", STATE_VERSION,
                defaultState, head);

        List<Val<String>> packages = packages(b);
        List<Val<String>> hostEnv = hostEnv(b);
        Sandbox.Resources resources = resources(b.section("resources"), head);
        List<Sandbox.Secret> secrets = new ArrayList<>();
        for (Ast.Section s : b.sections("secret", "NAME")) {
            Sandbox.Secret secret = secret(s);
            if (secret != null) secrets.add(secret);
        }
        List<Sandbox.Share> shares = new ArrayList<>();
        for (Ast.Section s : b.sections("share", "NAME")) {
            Sandbox.Share share = share(s);
            if (share != null) shares.add(share);
        }
        List<Sandbox.Volume> volumes = new ArrayList<>();
        for (Ast.Section s : b.sections("volume", "NAME")) {
            Sandbox.Volume v = volume(s, d.name);
            if (v != null) volumes.add(v);
        }
        Sandbox.Network network = network(b.section("network"), d.name, head);
        List<Ast.Section> users = b.sections("user", "NAME");
        for (int i = 1; i < users.size(); i++) {
            error("E104", users.get(i).keySpan(), "a sandbox has one agent user", "second user",
                    "merge the settings into the first user block");
        }
        Sandbox.User user = user(users.isEmpty() ? null : users.get(0), head);
        String home = "/home/" + user.name();
        GuestPath workdir = defaultWorkdir(shares, home);
        List<Sandbox.Agent> agents = new ArrayList<>();
        for (Ast.Section s : b.sections("agent", "KIND")) {
            Sandbox.Agent agent = agent(s, workdir);
            if (agent != null) agents.add(agent);
        }
        Sandbox.Audit audit = audit(b.section("audit"), head);
        b.finish();

        Optional<Val<String>> parent = d.parent == null ? Optional.empty()
                : Optional.of(Val.of(d.parent.text(), d.parent.span()));
        return new Sandbox(d.name, head, parent, system, hypervisor, nixpkgs, microvm, stateVersion, resources,
                List.copyOf(agents), packages, hostEnv, List.copyOf(shares), List.copyOf(volumes), List.copyOf(secrets), network, user, audit);
    }

    private static GuestPath defaultWorkdir(List<Sandbox.Share> shares, String home) {
        for (Sandbox.Share s : shares) if (s.mount().value().path().equals("/workspace")) return s.mount().value();
        for (Sandbox.Share s : shares) if (s.access().value() == Access.READ_WRITE) return s.mount().value();
        return shares.isEmpty() ? new GuestPath(home) : shares.get(0).mount().value();
    }

    private <E extends Enum<E> & dev.sandboxc.model.Keyword> Val<E> keyword(Block b, String key, Class<E> type, E fallback, Span where) {
        Ast.Attribute a = b.setting(key, String.join(" | ", dev.sandboxc.model.Keyword.keywords(type)));
        if (a != null) {
            E v = values.keyword(a.value(), key, type);
            if (v != null) return Val.of(v, a.value().span());
        }
        return Val.byDefault(fallback, where);
    }

    private Val<String> pattern(Block b, String key, String what, Pattern pattern, String fallback, Span where) {
        Ast.Attribute a = b.setting(key, what);
        if (a != null) {
            String v = values.text(a.value(), key, what);
            if (v != null && pattern.matcher(v).matches()) return Val.of(v, a.value().span());
            if (v != null) error("E201", a.value().span(), key + " expects " + what + ", got " + Values.quote(v),
                    "not valid here", "the tested default is " + key + " = \"" + fallback + "\"");
        }
        return Val.byDefault(fallback, where);
    }

    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*(\\.[A-Za-z_][A-Za-z0-9_'-]*)*");

    private List<Val<String>> packages(Block b) {
        Ast.Attribute a = b.setting("packages", "[ git ripgrep ... ]");
        List<Val<String>> out = new ArrayList<>();
        if (a == null) return out;
        List<Ast.Phrase> items = values.flatList(a.value(), "packages", "[ git ripgrep nodejs ]");
        if (items == null) return out;
        Map<String, Span> seen = new HashMap<>();
        for (Ast.Phrase item : items) {
            String name = values.text(item, "packages", "a nixpkgs attribute name");
            if (name == null) continue;
            if (!PACKAGE.matcher(name).matches() || name.length() > 200) {
                error("E207", item.span(), "invalid package name " + Values.quote(name), "not a nixpkgs attribute",
                        "write the nixpkgs attribute, such as ripgrep or python3Packages.requests");
                continue;
            }
            Span first = seen.putIfAbsent(name, item.span());
            if (first != null) {
                diagnostics.add(Diagnostic.warning("W102", item.span(), "package '" + name + "' is listed twice",
                        "again here", "remove the second mention").withNote(first, "first listed here"));
                continue;
            }
            out.add(Val.of(name, item.span()));
        }
        return List.copyOf(out);
    }

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** Host environment variables the launcher passes on to the hypervisor; it clears all others. */
    private List<Val<String>> hostEnv(Block b) {
        Ast.Attribute a = b.setting("host-env", "[ \"RUST_LOG\" ]");
        List<Val<String>> out = new ArrayList<>();
        if (a == null) return out;
        List<Ast.Phrase> items = values.flatList(a.value(), "host-env", "[ \"RUST_LOG\" ]");
        if (items == null) return out;
        for (Ast.Phrase item : items) {
            String name = values.text(item, "host-env", "an environment variable name");
            if (name == null) continue;
            if (!ENV_NAME.matcher(name).matches()) {
                error("E201", item.span(), "invalid environment variable name " + Values.quote(name), "not a variable name",
                        "write a name of letters, digits and '_', such as RUST_LOG");
                continue;
            }
            out.add(Val.of(name, item.span()));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ blocks

    private <T> T read(Block b, String key, String what, BiFunction<Ast.Phrase, String, T> reader) {
        Ast.Attribute a = b.setting(key, what);
        return a == null ? null : reader.apply(a.value(), key);
    }

    private <T> Val<T> val(Block b, String key, String what, BiFunction<Ast.Phrase, String, T> reader, T fallback) {
        Ast.Attribute a = b.setting(key, what);
        if (a != null) {
            T v = reader.apply(a.value(), key);
            if (v != null) return Val.of(v, a.value().span());
        }
        return Val.byDefault(fallback, b.span());
    }

    private Sandbox.Resources resources(Ast.Section s, Span head) {
        Block b = new Block("resources", s == null ? head : s.keySpan(), s == null ? List.of() : s.body(), diagnostics);
        Val<Size> memory = val(b, "memory", "a size such as 8 GiB", values::size, DEFAULT_MEMORY);
        Val<Integer> vcpus = val(b, "vcpus", "a count such as 4", (p, k) -> values.count(p, k, 1, 255, "4"), DEFAULT_VCPUS);
        Val<Duration> timeout = val(b, "timeout", "a duration such as 60 min, or none", (p, k) ->
                p.size() == 1 && p.first() instanceof Ast.Word w && w.text().equals("none") ? Duration.NONE
                        : values.duration(p, k), DEFAULT_TIMEOUT);
        Val<Boolean> balloon = val(b, "balloon", "on or off", values::onOff, false);
        Val<Size> hotplug = val(b, "hotplug-memory", "a size such as 4 GiB", values::size, new Size(0));
        Ast.Attribute cpuAttr = b.setting("cpu", "a CPU model such as host");
        Optional<Val<String>> cpu = Optional.empty();
        if (cpuAttr != null) {
            String v = values.text(cpuAttr.value(), "cpu", "a CPU model such as host");
            if (v != null && CPU_MODEL.matcher(v).matches()) cpu = Optional.of(Val.of(v, cpuAttr.value().span()));
            else if (v != null) error("E201", cpuAttr.value().span(), "invalid cpu model " + Values.quote(v), "not a CPU model",
                    "write a QEMU CPU model such as host or max");
        }
        Ast.Attribute vsockAttr = b.setting("vsock", "a context id such as 3");
        Optional<Val<Integer>> vsock = Optional.empty();
        if (vsockAttr != null) {
            Integer cid = values.count(vsockAttr.value(), "vsock", 3, Integer.MAX_VALUE - 1, "3");
            if (cid != null) vsock = Optional.of(Val.of(cid, vsockAttr.value().span()));
        }
        b.finish();
        if (memory.given() && memory.value().bytes() < MIN_MEMORY_MIB * Size.MIB) {
            error("E203", memory.span(), "memory " + memory.value() + " is too small to boot NixOS", "too small",
                    "give a sandbox at least " + MIN_MEMORY_MIB + " MiB; agents with language tool chains want 4 GiB or more");
        }
        if (memory.value().bytes() % Size.MIB != 0) {
            error("E203", memory.span(), "memory must be a whole number of MiB", "not whole MiB", "round it to MiB");
        }
        if (timeout.given() && !timeout.value().isNone() && timeout.value().seconds() < 30) {
            error("E203", timeout.span(), "timeout " + timeout.value() + " is shorter than a boot", "too short",
                    "allow at least a minute: timeout = 10 min");
        }
        return new Sandbox.Resources(memory, vcpus, timeout, balloon, hotplug, cpu, vsock);
    }

    private Sandbox.Secret secret(Ast.Section s) {
        String name = label(s, "secret", "NAME");
        if (name == null) return null;
        Block b = new Block("secret " + name, s.keySpan(), s.body(), diagnostics);
        Ast.Attribute from = b.setting("from", "env \"VARIABLE\" or file \"PATH\"");
        b.finish();
        Span nameSpan = s.labels().get(0).span();
        if (from == null) {
            missing(s, s.keySpan().to(nameSpan), "secret '" + name + "' has no source",
                    "missing `from`", "add from = env \"VARIABLE\" or from = file \"/run/secrets/" + name + "\"");
            // Still declared: a reference to it is not "unknown secret" too (an echo of this error).
            return new Sandbox.Secret(name, nameSpan, null);
        }
        SecretSource src = values.secretSource(from.value(), "from");
        return new Sandbox.Secret(name, nameSpan, src == null ? null : Val.of(src, from.value().span()));
    }

    private Sandbox.Share share(Ast.Section s) {
        String name = label(s, "share", "NAME");
        if (name == null) return null;
        Span nameSpan = s.labels().get(0).span();
        Block b = new Block("share " + name, nameSpan, s.body(), diagnostics);
        Ast.Attribute sourceAttr = b.setting("source", "a host path such as \".\"");
        Ast.Attribute mountAttr = b.setting("mount", "a guest path such as /workspace");
        Val<ShareProto> proto = keyword(b, "proto", ShareProto.class, ShareProto.VIRTIOFS, nameSpan);
        Val<Access> access = keyword(b, "access", Access.class, Access.READ_ONLY, nameSpan);
        Val<NinePSecurity> security = keyword(b, "security", NinePSecurity.class, NinePSecurity.MAPPED, nameSpan);
        Val<String> tag = val(b, "tag", "a share tag such as workspace", (p, k) -> {
            String t = values.text(p, k, "a share tag");
            if (t != null && !TAG.matcher(t).matches()) {
                error("E201", p.span(), "invalid share tag " + Values.quote(t), "not a tag",
                        "a tag is 1 to 31 letters, digits, '-' or '_'");
                return null;
            }
            return t;
        }, name);
        b.finish();
        if (name.length() > 31 && !tag.given()) {
            error("E201", nameSpan, "share name '" + name + "' is too long to be its tag", "over 31 characters",
                    "shorten the name or give tag = \"...\" of at most 31 characters");
        }
        boolean ok = true;
        if (sourceAttr == null) {
            missing(s, s.keySpan().to(nameSpan), "share '" + name + "' has no source", "missing `source`",
                    "add source = \".\" (relative to this file) or an absolute host path");
            ok = false;
        }
        if (mountAttr == null) {
            missing(s, s.keySpan().to(nameSpan), "share '" + name + "' has no mount point", "missing `mount`",
                    "add mount = /" + name);
            ok = false;
        }
        if (!ok) return null;
        HostPath source = values.hostPath(sourceAttr.value(), "source");
        GuestPath mount = values.guestPath(mountAttr.value(), "mount");
        if (source == null || mount == null) return null;
        return new Sandbox.Share(name, nameSpan, Val.of(source, sourceAttr.value().span()),
                Val.of(mount, mountAttr.value().span()), proto, access, tag, security);
    }

    private Sandbox.Volume volume(Ast.Section s, String sandboxName) {
        String name = label(s, "volume", "NAME");
        if (name == null) return null;
        Span nameSpan = s.labels().get(0).span();
        Block b = new Block("volume " + name, nameSpan, s.body(), diagnostics);
        Ast.Attribute mountAttr = b.setting("mount", "a guest path such as /cache");
        Ast.Attribute sizeAttr = b.setting("size", "a size such as 10 GiB");
        Val<HostPath> image = val(b, "image", "a host path such as \"~/.local/state/sandboxc/cache.img\"", values::hostPath,
                HostPath.of("~/.local/state/sandboxc/" + sandboxName + "/" + name + ".img"));
        b.finish();
        if (mountAttr == null || sizeAttr == null) {
            missing(s, s.keySpan().to(nameSpan), "volume '" + name + "' needs " + (mountAttr == null ? "a mount point" : "a size"),
                    mountAttr == null ? "missing `mount`" : "missing `size`",
                    mountAttr == null ? "add mount = /" + name : "add size = 10 GiB");
            return null;
        }
        GuestPath mount = values.guestPath(mountAttr.value(), "mount");
        Size size = values.size(sizeAttr.value(), "size");
        if (mount == null || size == null) return null;
        if (size.bytes() < 16 * Size.MIB || size.bytes() % Size.MIB != 0) {
            error("E203", sizeAttr.value().span(), "volume size must be whole MiB and at least 16 MiB", "invalid size",
                    "write a size such as 10 GiB");
            return null;
        }
        return new Sandbox.Volume(name, nameSpan, Val.of(mount, mountAttr.value().span()), Val.of(size, sizeAttr.value().span()), image);
    }

    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_-]{1,15}");

    private Sandbox.Network network(Ast.Section s, String sandboxName, Span head) {
        Span where = s == null ? head : s.keySpan();
        Block b = new Block("network", where, s == null ? List.of() : s.body(), diagnostics);
        Ast.Attribute modeAttr = b.setting("mode", "none | allowlist | nat | tap | bridge");
        NetMode mode = modeAttr == null ? null : values.keyword(modeAttr.value(), "mode", NetMode.class);
        List<Val<Domain>> allow = new ArrayList<>();
        Ast.Attribute allowAttr = b.setting("allow", "[ \"api.example.com:443\" ]");
        if (allowAttr != null) readAllow(allowAttr.value(), "allow", false, allow);
        // Plain HTTP (no TLS), request by request through the proxy: only where it is declared.
        Ast.Attribute httpAttr = b.setting("allow-http", "[ \"deb.debian.org\" ]");
        if (httpAttr != null) readAllow(httpAttr.value(), "allow-http", true, allow);
        // The short form: egress = allow [ ... ] | none | any (any is unrestricted NAT).
        Ast.Attribute egressAttr = b.setting("egress", "allow [ \"api.example.com:443\" ], none or any");
        if (egressAttr != null) {
            Ast.Phrase p = egressAttr.value();
            if (mode != null || allowAttr != null) {
                error("E505", egressAttr.keySpan(), "egress says again what " + (mode != null ? "mode" : "allow") + " already says",
                        "second setting", "keep one: either egress = allow [ ... ], or mode and allow");
            } else if (p.size() == 2 && p.first() instanceof Ast.Word w && w.text().equals("allow")
                    && p.terms().get(1) instanceof Ast.ListTerm l) {
                mode = NetMode.ALLOWLIST;
                modeAttr = egressAttr;
                allowAttr = egressAttr;
                readAllow(new Ast.Phrase(List.of(l), l.span()), "egress", false, allow);
            } else if (p.size() == 1 && p.first() instanceof Ast.Word w && (w.text().equals("none") || w.text().equals("any"))) {
                mode = w.text().equals("none") ? NetMode.NONE : NetMode.NAT;
                modeAttr = egressAttr;
            } else {
                error("E201", p.span(), "egress expects allow [ \"host:port\", ... ], none or any, got " + Ast.describe(p),
                        "not an egress policy", "write egress = allow [ \"api.anthropic.com:443\" ]");
            }
        }
        List<Val<Forward>> forwards = new ArrayList<>();
        Ast.Attribute fwdAttr = b.setting("forward", "[ tcp 127.0.0.1:2222 -> 22 ]");
        if (fwdAttr != null) {
            List<Ast.Phrase> items = values.list(fwdAttr.value(), "forward", "[ tcp 127.0.0.1:2222 -> 22 ]");
            if (items != null) {
                for (Ast.Phrase item : items) {
                    Forward f = values.forward(item, "forward");
                    if (f != null) forwards.add(Val.of(f, item.span()));
                }
            }
        }
        Ast.Attribute bridgeAttr = b.setting("bridge", "a host bridge such as br0");
        Optional<Val<String>> bridge = Optional.empty();
        if (bridgeAttr != null) {
            String v = values.text(bridgeAttr.value(), "bridge", "a host bridge name");
            if (v != null && IFACE.matcher(v).matches()) bridge = Optional.of(Val.of(v, bridgeAttr.value().span()));
            else if (v != null) error("E208", bridgeAttr.value().span(), "invalid bridge name " + Values.quote(v),
                    "not an interface name", "Linux interface names are 1 to 15 letters, digits, '-' or '_'");
        }
        Val<String> iface = val(b, "interface", "an interface id of at most 15 characters", (p, k) -> {
            String v = values.text(p, k, "an interface id");
            if (v != null && !IFACE.matcher(v).matches()) {
                error("E208", p.span(), "interface id " + Values.quote(v) + " is not a Linux interface name",
                        v.length() > 15 ? "longer than 15 characters" : "invalid characters",
                        "Linux interface names are 1 to 15 letters, digits, '-' or '_'");
                return null;
            }
            return v;
        }, defaultInterfaceId(sandboxName));
        b.finish();

        if (allowAttr == null) allowAttr = httpAttr;
        NetMode effective = mode != null ? mode : allowAttr != null ? NetMode.ALLOWLIST : NetMode.NONE;
        Val<NetMode> modeVal = mode != null ? Val.of(mode, modeAttr.value().span()) : Val.byDefault(effective, where);
        if ((effective == NetMode.NONE || effective == NetMode.NAT) && allowAttr != null && mode != null) {
            // With none nothing leaves; with nat everything may: either way a list would be ignored.
            error("E505", allowAttr.keySpan(), allowAttr.key() + " has no effect with mode = " + effective.keyword(), "ignored",
                    "remove " + allowAttr.key() + ", or set mode = allowlist");
        }
        if (effective == NetMode.ALLOWLIST && allow.isEmpty() && (allowAttr == null || !diagnostics.hasErrors())) {
            error("E505", modeAttr != null ? modeAttr.value().span() : where, "an allowlist network with nothing allowed",
                    "empty allowlist", "list the endpoints: allow = [ \"api.anthropic.com:443\" ], or use mode = none");
        }
        if ((effective == NetMode.TAP || effective == NetMode.BRIDGE) && !allow.isEmpty()) {
            // sandboxc enforces allowlists with qemu's restricted network and its egress proxy;
            // on a tap or bridge the guest's packets go wherever the host routes them.
            error("E411", allowAttr.keySpan(), "an egress allowlist cannot be enforced with mode = " + effective.keyword(),
                    "would be enforced by nobody", "use mode = allowlist (qemu: the host-side proxy enforces it), "
                            + "or remove " + allowAttr.key() + " and filter the tap interface with the host's firewall");
        }
        if (effective == NetMode.BRIDGE && bridge.isEmpty()) {
            error("E111", modeAttr.value().span(), "mode = bridge needs the host bridge to join", "missing `bridge`",
                    "add bridge = br0");
        }
        if (effective != NetMode.BRIDGE && bridgeAttr != null) {
            error("E505", bridgeAttr.keySpan(), "bridge is only used with mode = bridge", "ignored",
                    "remove bridge, or set mode = bridge");
        }
        return new Sandbox.Network(where, modeVal, List.copyOf(allow), List.copyOf(forwards), bridge, iface);
    }

    private void readAllow(Ast.Phrase listPhrase, String key, boolean plainHttp, List<Val<Domain>> allow) {
        List<Ast.Phrase> items = values.flatList(listPhrase, key, plainHttp ? "[ \"deb.debian.org\" ]" : "[ \"github.com:443\" ]");
        if (items == null) return;
        Map<String, Span> seen = new HashMap<>();
        for (Val<Domain> d : allow) seen.put(d.value().allowLine(), d.span());
        for (Ast.Phrase item : items) {
            Domain dom = values.domain(item, key, plainHttp);
            if (dom == null) continue;
            if (seen.putIfAbsent(dom.allowLine(), item.span()) != null) {
                diagnostics.add(Diagnostic.warning("W102", item.span(), dom.pattern() + " is allowed twice",
                        "again here", "remove the second mention").withNote(seen.get(dom.allowLine()), "first allowed here"));
                continue;
            }
            allow.add(Val.of(dom, item.span()));
        }
    }

    /** A tap/netdev id: at most 15 characters (IFNAMSIZ), stable for the sandbox name. */
    static String defaultInterfaceId(String sandboxName) {
        String id = "vm-" + sandboxName;
        if (id.length() <= 15) return id;
        // Four hex digits, zero-padded: what %04x gives, without java.util.Formatter (~10 ms to set up cold).
        String hex = Integer.toHexString(sandboxName.hashCode() & 0xffff);
        String hash = "0000".substring(hex.length()) + hex;
        return "vm-" + sandboxName.substring(0, 7) + "-" + hash;
    }

    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");

    private Sandbox.User user(Ast.Section s, Span head) {
        String name = DEFAULT_USER;
        Span span = head;
        if (s != null) {
            String label = label(s, "user", "NAME");
            if (label != null) {
                span = s.labels().get(0).span();
                if (!USER.matcher(label).matches() || label.equals("root")) {
                    error("E207", span, "invalid user name '" + label + "'", label.equals("root") ? "the agent never runs as root" : "not a Unix user name",
                            "a user name is lower-case letters, digits, '_' and '-', starting with a letter, e.g. agent");
                } else {
                    name = label;
                }
            }
        }
        Block b = new Block("user " + name, span, s == null ? List.of() : s.body(), diagnostics);
        Val<Sudo> sudo = keyword(b, "sudo", Sudo.class, Sudo.NONE, span);
        Ast.Section git = b.section("git");
        Optional<Val<String>> gitName = Optional.empty(), gitEmail = Optional.empty();
        if (git != null) {
            Block g = new Block("git", git.keySpan(), git.body(), diagnostics);
            Ast.Attribute n = g.setting("name", "\"AI Agent\"");
            Ast.Attribute e = g.setting("email", "\"agent@example.com\"");
            g.finish();
            if (n != null) {
                String v = values.text(n.value(), "name", "a name in quotes");
                if (v != null) gitName = Optional.of(Val.of(v, n.value().span()));
            }
            if (e != null) {
                String v = values.text(e.value(), "email", "an e-mail address in quotes");
                if (v != null && !EMAIL.matcher(v).matches()) {
                    error("E201", e.value().span(), "email expects an e-mail address, got " + Values.quote(v),
                            "not an address", "write email = \"agent@example.com\"");
                } else if (v != null) {
                    gitEmail = Optional.of(Val.of(v, e.value().span()));
                }
            }
        }
        Ast.Attribute pw = b.setting("initial-password", "\"...\" (better: none)");
        Optional<Val<String>> initialPassword = Optional.empty();
        if (pw != null) {
            String v = values.text(pw.value(), "initial-password", "a password in quotes");
            if (v != null) initialPassword = Optional.of(Val.of(v, pw.value().span()));
        }
        List<Val<dev.sandboxc.model.KeySource>> keys = new ArrayList<>();
        Ast.Section ssh = b.section("ssh");
        if (ssh != null) {
            Block k = new Block("ssh", ssh.keySpan(), ssh.body(), diagnostics);
            Ast.Attribute ak = k.setting("authorized-keys", "[ file \"~/.ssh/id_ed25519.pub\" ]");
            k.finish();
            if (ak != null) {
                // One key may be written without brackets: authorized-keys = file "~/.ssh/id_ed25519.pub"
                List<Ast.Phrase> items = ak.value().size() == 1 && ak.value().first() instanceof Ast.ListTerm l
                        ? l.items() : List.of(ak.value());
                for (Ast.Phrase item : items) {
                    KeySource key = values.keySource(item, "authorized-keys");
                    if (key != null) keys.add(Val.of(key, item.span()));
                }
            }
        }
        b.finish();
        return new Sandbox.User(name, span, sudo, gitName, gitEmail, List.copyOf(keys), initialPassword);
    }

    private Sandbox.Agent agent(Ast.Section s, GuestPath workdir) {
        String id = label(s, "agent", "KIND");
        if (id == null) return null;
        Span nameSpan = s.labels().get(0).span();
        AgentKind kind = AgentKind.find(id);
        if (kind == null) {
            error("E302", nameSpan, "unknown agent '" + id + "'", "not an agent sandboxc knows",
                    Suggest.hint(id, AgentKind.ids(), "the agents are"));
        }
        Block b = new Block("agent " + id, nameSpan, s.body(), diagnostics);
        Val<Autonomy> autonomy = keyword(b, "autonomy", Autonomy.class, Autonomy.ASK, nameSpan);
        Ast.Attribute keyAttr = b.setting("api-key", "secret NAME");
        Optional<Val<String>> apiKey = Optional.empty();
        if (keyAttr != null) {
            String ref = values.secretRef(keyAttr.value(), "api-key");
            if (ref != null) apiKey = Optional.of(Val.of(ref, keyAttr.value().span()));
        }
        List<Val<String>> args = new ArrayList<>();
        Ast.Attribute argsAttr = b.setting("args", "[ \"--model\" \"sonnet\" ]");
        if (argsAttr != null) {
            List<Ast.Phrase> items = values.flatList(argsAttr.value(), "args", "[ \"--verbose\" ]");
            if (items != null) {
                for (Ast.Phrase item : items) {
                    String v = values.text(item, "args", "a string");
                    if (v != null) args.add(Val.of(v, item.span()));
                }
            }
        }
        Val<GuestPath> wd = val(b, "workdir", "a guest path such as /workspace", values::guestPath, workdir);
        b.finish();
        if (kind == null) return null;
        return new Sandbox.Agent(id, nameSpan, kind, autonomy, apiKey, List.copyOf(args), wd);
    }

    private Sandbox.Audit audit(Ast.Section s, Span head) {
        Span where = s == null ? head : s.keySpan();
        Block b = new Block("audit", where, s == null ? List.of() : s.body(), diagnostics);
        Val<Boolean> commands = val(b, "commands", "on or off", values::onOff, true);
        Val<Boolean> sessions = val(b, "sessions", "on or off", values::onOff, true);
        Val<Boolean> egress = val(b, "egress", "on or off", values::onOff, true);
        Val<Boolean> journal = val(b, "journal", "on or off", values::onOff, true);
        Ast.Attribute dirAttr = b.setting("dir", "a guest folder such as /var/log/sandboxc");
        Optional<Val<GuestPath>> dir = Optional.empty();
        if (dirAttr != null) {
            GuestPath g = values.guestPath(dirAttr.value(), "dir");
            if (g != null) dir = Optional.of(Val.of(g, dirAttr.value().span()));
        }
        b.finish();
        return new Sandbox.Audit(where, commands, sessions, egress, journal, dir);
    }

    /** The single label of a named block, validated as a name; null (reported) otherwise. */
    private String label(Ast.Section s, String what, String placeholder) {
        if (s.labels().size() != 1) {
            Span at = s.labels().isEmpty() ? s.keySpan() : s.labels().get(1).span();
            error("E106", at, what + " takes one name", s.labels().isEmpty() ? "no name" : "unexpected label",
                    "write " + what + " " + placeholder + " { ... }");
            return null;
        }
        Ast.Label l = s.labels().get(0);
        if (what.equals("agent") || what.equals("user")) return l.text();
        return values.checkName(l.text(), l.span(), what) ? l.text() : null;
    }
}
