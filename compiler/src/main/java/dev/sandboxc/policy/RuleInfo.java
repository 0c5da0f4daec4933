package dev.sandboxc.policy;

import java.util.List;

/**
 * Everything a rule says about itself; `sandboxc explain`, `sandboxc rules`, the
 * SARIF rule table and docs/rules/ are all made from this.
 *
 * @param id         stable identifier, SBX-AREA-NNN, or the code of a compiler warning (W301),
 *                   which lint reports as a finding; never reused for another meaning
 * @param severity   the default severity (a config may change it)
 * @param summary    one line, what is wrong
 * @param rationale  why it matters, in a paragraph
 * @param references where the rationale comes from (a section of docs/design.md, CWE, upstream docs)
 * @param fix        what to write instead
 * @param bad        a complete .sandbox file that the rule reports
 * @param good       the same file fixed; the rule does not report it
 * @param related    other rules this one depends on or interacts with
 */
public record RuleInfo(String id, Severity severity, String summary, String rationale, List<String> references,
                       String fix, String bad, String good, List<String> related) {


    public RuleInfo {
        if (!wellFormed(id) && !compilerWarning(id)) throw new IllegalArgumentException("rule id " + id + " is not SBX-AREA-NNN");
        references = List.copyOf(references);
        related = List.copyOf(related);
    }

    public RuleInfo(String id, Severity severity, String summary, String rationale, List<String> references,
                    String fix, String bad, String good) {
        this(id, severity, summary, rationale, references, fix, bad, good, List.of());
    }

    /** SHARE for SBX-SHARE-001; COMPILER for a compiler warning. */
    public String area() { return compilerWarning(id) ? "COMPILER" : id.substring(4, id.lastIndexOf('-')); }

    /** W and three digits: a compiler warning's code (docs/language.md), kept as its rule ID. */
    public static boolean compilerWarning(String id) {
        return id.length() == 4 && id.charAt(0) == 'W' && Character.isDigit(id.charAt(1)) && Character.isDigit(id.charAt(2))
                && Character.isDigit(id.charAt(3));
    }

    /** SBX-AREA-NNN: "SBX-", capital letters, '-', three digits. By hand: 48 rules are built at every start. */
    static boolean wellFormed(String id) {
        int n = id.length();
        if (!id.startsWith("SBX-") || n < 9 || id.charAt(n - 4) != '-') return false;
        for (int i = 4; i < n - 4; i++) if (id.charAt(i) < 'A' || id.charAt(i) > 'Z') return false;
        for (int i = n - 3; i < n; i++) if (id.charAt(i) < '0' || id.charAt(i) > '9') return false;
        return true;
    }
}
