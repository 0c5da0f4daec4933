package dev.sandboxc.policy.report;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.Suppression;

/** For scripts: every file, finding and error, with positions, in a stable shape. */
final class JsonReport {
    private JsonReport() {}

    static String render(LintReport report) {
        Json.Obj root = new Json.Obj();
        root.put("version", report.toolVersion());
        root.put("failOn", report.failOn().label());
        root.put("exitCode", report.exitCode());
        Json.Obj summary = root.putObject("summary");
        summary.put("files", report.files().size());
        var counts = ReportModel.unsuppressedBySeverity(report);
        summary.put("findings", counts.values().stream().mapToInt(Integer::intValue).sum());
        summary.put("suppressed", ReportModel.suppressed(report));
        summary.put("failing", report.failing());
        Json.Obj by = summary.putObject("bySeverity");
        for (Severity s : Severity.values()) by.put(s.label(), counts.get(s));
        Json.Arr files = root.putArray("files");
        for (LintReport.FileResult file : report.files()) {
            Json.Obj f = files.addObject();
            f.put("path", file.path());
            f.put("linted", file.linted());
            if (file.problem() == null) f.putNull("problem");
            else f.put("problem", file.problem());
            Json.Arr errors = f.putArray("errors");
            for (Diagnostic d : file.errors()) {
                Json.Obj e = errors.addObject();
                e.put("code", d.code());
                e.put("severity", d.severity().label());
                e.put("message", d.message());
                position(e, d.span());
                e.put("hint", d.help());
            }
            Json.Arr findings = f.putArray("findings");
            for (Finding x : file.findings()) findings.add(finding(x));
        }
        return Json.pretty(root);
    }

    static Json.Obj finding(Finding x) {
        Json.Obj o = new Json.Obj();
        o.put("rule", x.rule().id());
        o.put("severity", x.severity().label());
        o.put("summary", x.rule().summary());
        o.put("message", x.message());
        o.put("file", x.span().source().name());
        position(o, x.span());
        if (x.sandbox() == null) o.putNull("sandbox");
        else o.put("sandbox", x.sandbox());
        o.put("fix", x.rule().fix());
        o.put("suppressed", x.suppressed());
        if (!x.suppressed()) {
            o.putNull("suppression");
        } else {
            Suppression s = x.suppression();
            Json.Obj so = o.putObject("suppression");
            so.put("kind", s.kind() == Suppression.Kind.INLINE ? "inline" : "exemption");
            so.put("justification", s.justification());
            if (s.owner() == null) so.putNull("owner");
            else so.put("owner", s.owner());
            if (s.until() == null) so.putNull("until");
            else so.put("until", s.until().toString());
            so.put("at", s.where().location());
        }
        return o;
    }

    private static void position(Json.Obj o, dev.sandboxc.model.Span span) {
        if (span == null) {
            for (String k : new String[] {"line", "column", "endLine", "endColumn"}) o.putNull(k);
            return;
        }
        ReportModel.Region r = ReportModel.Region.of(span);
        o.put("line", r.line());
        o.put("column", r.column());
        o.put("endLine", r.endLine());
        o.put("endColumn", r.endColumn());
    }
}
