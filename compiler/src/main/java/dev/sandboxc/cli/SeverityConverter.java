package dev.sandboxc.cli;

import dev.sandboxc.policy.Severity;
import picocli.CommandLine;

/** `--fail-on high`: a severity by name, in any case. */
final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
        Severity s = Severity.parse(value);
        if (s == null) throw new CommandLine.TypeConversionException("expected critical, high, medium, low or info, got '" + value + "'");
        return s;
    }
}
