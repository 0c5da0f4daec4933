package dev.sandboxc.policy;

import dev.sandboxc.Frontend;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.rules.Catalog;
import dev.sandboxc.policy.rules.MetaRules;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the rule catalogue over one checked file: every rule on every sandbox, then
 * the config's severities, then suppressions (inline comments and exemptions),
 * then the rules that weigh what is left (full autonomy while high findings stand).
 * Problems with suppressions are findings themselves (SBX-META-*).
 */
public final class Policy {
    private final PolicyConfig config;
    private final LocalDate today;
    private final Path home;
    private final Folders folders;

    /**
     * @param today decides which suppressions and exemptions have expired
     * @param home  this user's home folder, to judge absolute host paths; may be null
     */
    public Policy(PolicyConfig config, LocalDate today, Path home) {
        this(config, today, home, null);
    }

    /** @param folders what this run knows of folders already, shared by the files of a batch; may be null */
    public Policy(PolicyConfig config, LocalDate today, Path home, Folders folders) {
        this.config = config;
        this.today = today;
        this.home = home;
        this.folders = folders;
    }

    public PolicyConfig config() { return config; }

    /**
     * The findings for one file, in source order. A file with errors gets only the rules
     * that read its text alone (a literal secret), with the config's severities and
     * exemptions, and no judgement of its suppressions: most rules could not run.
     */
    public List<Finding> evaluate(Frontend.Result result) {
        Path file = result.source().path();
        HostPaths paths = new HostPaths(file == null ? null : file.getParent(), home, folders);
        FileCheck fileCheck = new FileCheck(result, paths, config);
        List<Finding> raw = new ArrayList<>();
        List<Rule> late = new ArrayList<>();
        if (!result.ok()) {
            for (Rule rule : Catalog.all()) {
                if (rule.textOnly() && !config.isOff(rule.id())) rule.checkFile(fileCheck.forRule(rule.info(), raw::add));
            }
            List<Finding> out = dedupe(suppress(dedupe(severities(raw)), result, List.of(), new java.util.HashSet<>(), new ArrayList<>()));
            out.sort(ORDER);
            return out;
        }
        for (Rule rule : Catalog.all()) {
            if (config.isOff(rule.id())) continue;
            if (rule.weighsOtherFindings()) {
                late.add(rule);
                continue;
            }
            rule.checkFile(fileCheck.forRule(rule.info(), raw::add));
            for (Sandbox s : result.sandboxes()) {
                rule.check(new SandboxCheck(s, fileCheck, rule.info(), raw::add, List.of()));
            }
        }
        List<InlineSuppressions.Comment> comments = InlineSuppressions.parse(result.document());
        // By identity: each comment is one object; a record hash would link a bootstrap at start-up.
        Set<InlineSuppressions.Comment> used = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Finding> meta = new ArrayList<>();
        List<Finding> findings = suppress(dedupe(severities(raw)), result, comments, used, meta);

        List<Finding> lateRaw = new ArrayList<>();
        for (Rule rule : late) {
            for (Sandbox s : result.sandboxes()) {
                List<Finding> standing = findings.stream()
                        .filter(f -> s.name().equals(f.sandbox()) && !f.suppressed() && f.severity().atLeast(Severity.HIGH))
                        .toList();
                rule.check(new SandboxCheck(s, fileCheck, rule.info(), lateRaw::add, standing));
            }
        }
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(suppress(dedupe(severities(lateRaw)), result, comments, used, meta));

        metaFindings(result, comments, used, meta);
        all.addAll(severities(meta));
        all.removeIf(f -> config.isOff(f.rule().id()));
        List<Finding> out = dedupe(all);
        out.sort(ORDER);
        return out;
    }

    /** File, position, rule, message. Written out: Comparator.comparing's lambdas are spun at run time. */
    public static final Comparator<Finding> ORDER = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            int c = a.span().source().name().compareTo(b.span().source().name());
            if (c == 0) c = Integer.compare(a.span().start(), b.span().start());
            if (c == 0) c = a.rule().id().compareTo(b.rule().id());
            if (c == 0) c = a.message().compareTo(b.message());
            return c;
        }
    };

    private List<Finding> severities(List<Finding> in) {
        List<Finding> out = new ArrayList<>(in.size());
        for (Finding f : in) out.add(f.withSeverity(config.severity(f.rule().id(), f.severity())));
        return out;
    }

    /** The same construct reached twice (through `extends`) is one finding. */
    private static List<Finding> dedupe(List<Finding> in) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : in) {
            String key = f.rule().id() + '\0' + f.span().source().name() + '\0' + f.span().start() + '\0'
                    + f.span().end() + '\0' + f.message();
            out.putIfAbsent(key, f);
        }
        return new ArrayList<>(out.values());
    }

    private List<Finding> suppress(List<Finding> in, Frontend.Result result, List<InlineSuppressions.Comment> comments,
                                   Set<InlineSuppressions.Comment> used, List<Finding> meta) {
        List<Finding> out = new ArrayList<>(in.size());
        Map<String, Boolean> criticalReported = new HashMap<>();
        for (Finding f : in) {
            Suppression by = exemption(f, result);
            if (by == null) {
                for (InlineSuppressions.Comment c : comments) {
                    if (c.coversLine() != f.span().line() || !c.ids().contains(f.rule().id())) continue;
                    if (!c.problems().isEmpty() || (c.until() != null && c.until().isBefore(today))) continue;
                    used.add(c);
                    if (f.severity() == Severity.CRITICAL) {
                        String key = c.span().start() + f.rule().id();
                        if (criticalReported.putIfAbsent(key, true) == null) {
                            meta.add(new Finding(MetaRules.CRITICAL_INLINE.info(), MetaRules.CRITICAL_INLINE.info().severity(),
                                    c.span(), f.rule().id() + " is critical and cannot be suppressed inline; "
                                    + "only an exemption in " + PolicyConfig.FILE_NAME + " can set it aside", null, null));
                        }
                        continue;
                    }
                    by = new Suppression(Suppression.Kind.INLINE, c.reason(), null, c.until(), c.span());
                    break;
                }
            }
            out.add(by == null ? f : f.suppress(by));
        }
        return out;
    }

    private Suppression exemption(Finding f, Frontend.Result result) {
        for (PolicyConfig.Exemption e : config.exemptions()) {
            if (!e.rule().equals(f.rule().id()) || !config.covers(e, result.source().path())) continue;
            if (e.sandbox() != null && !e.sandbox().equals(f.sandbox())) continue;
            if (e.expires().isBefore(today)) continue;
            return new Suppression(Suppression.Kind.EXEMPTION, e.statement(), e.owner(), e.expires(), e.span());
        }
        return null;
    }

    /** Suppressions that are themselves wrong: no reason, unknown rule, expired, unused. */
    private void metaFindings(Frontend.Result result, List<InlineSuppressions.Comment> comments,
                              Set<InlineSuppressions.Comment> used, List<Finding> meta) {
        Set<String> known = Catalog.ids();
        for (InlineSuppressions.Comment c : comments) {
            for (String problem : c.problems()) {
                meta.add(finding(MetaRules.NO_REASON, c.span(), "this suppression " + problem + ", so it suppresses nothing"));
            }
            for (String id : c.ids()) {
                if (!known.contains(id)) {
                    String near = dev.sandboxc.check.Suggest.closest(id, List.copyOf(known));
                    meta.add(finding(MetaRules.UNKNOWN_ID, c.span(), "suppression names unknown rule " + id
                            + (near != null ? " (did you mean " + near + "?)" : "")));
                }
            }
            if (c.until() != null && c.until().isBefore(today)) {
                meta.add(finding(MetaRules.EXPIRED, c.untilSpan(), "suppression expired on " + c.until()
                        + "; the findings it covered count again"));
            } else if (c.problems().isEmpty() && !used.contains(c) && c.ids().stream().allMatch(known::contains)) {
                meta.add(finding(MetaRules.UNUSED, c.span(), "suppression of " + String.join(", ", c.ids())
                        + " matches no finding on line " + c.coversLine()));
            }
        }
        for (PolicyConfig.Exemption e : config.exemptions()) {
            if (e.expires().isBefore(today) && config.covers(e, result.source().path())) {
                meta.add(finding(MetaRules.EXPIRED, e.span(), "exemption for " + e.rule() + " (owner " + e.owner()
                        + ") expired on " + e.expires() + "; the findings it covered count again"));
            }
        }
    }

    private static Finding finding(Rule rule, dev.sandboxc.model.Span span, String message) {
        return new Finding(rule.info(), rule.info().severity(), span, message, null, null);
    }
}
