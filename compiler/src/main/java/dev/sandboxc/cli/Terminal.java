package dev.sandboxc.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Whether help may be coloured. sandboxc's own output is never coloured; picocli colours
 * help on a terminal, and that terminal may say it cannot show colour (TERM=dumb, as
 * Emacs shells and some CI logs set it) or the user may have asked for none (NO_COLOR,
 * no-color.org: any non-empty value). picocli alone honours NO_COLOR but not TERM=dumb.
 */
final class Terminal {
    private Terminal() {}

    static CommandLine.Help.Ansi ansi(Map<String, String> env) {
        String term = env.get("TERM");
        String noColor = env.get("NO_COLOR");
        if ("dumb".equals(term) || (noColor != null && !noColor.isEmpty())) return CommandLine.Help.Ansi.OFF;
        return CommandLine.Help.Ansi.AUTO;
    }
}
