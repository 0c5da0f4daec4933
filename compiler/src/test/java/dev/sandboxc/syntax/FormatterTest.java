package dev.sandboxc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical layout, rule by rule (docs/language.md, "Formatting"). */
class FormatterTest {

    static String fmt(String text) {
        Formatter.Result r = Formatter.format(TestSupport.source("t.sandbox", text));
        assertTrue(r.formatted(), () -> "not formatted: " + r.errors());
        assertNull(FormatChecks.violation(TestSupport.source("t.sandbox", text)));
        return r.text();
    }

    @Test
    void whitespaceIsNormalisedAroundEveryToken() {
        assertEquals("""
                sandbox a {
                  resources { memory = 8 GiB; vcpus = 4 }
                  packages += [ git, jq ]
                  network { forward = [ tcp 127.0.0.1:2222 -> 22 ] }
                }
                """, fmt("sandbox   a{\n resources{memory=8 GiB ;vcpus=4}\n\tpackages+=[git,jq]\n"
                + "  network {forward=[tcp 127.0.0.1:2222->22]}\n}"));
    }

    @Test
    void aMultiLineBlockGetsOneEntryPerLineAndTwoSpacesAnIndentLevel() {
        assertEquals("""
                sandbox a {
                  hypervisor = qemu
                  user agent {
                    sudo = none
                  }
                }
                """, fmt("sandbox a { hypervisor = qemu\nuser agent { sudo = none\n } }\n"));
    }

    @Test
    void consecutiveSettingsAlignTheirEqualsSigns() {
        assertEquals("""
                sandbox a {
                  system     = x86_64-linux
                  hypervisor = qemu
                  # a comment does not end the run
                  nixpkgs    = "nixos-25.05"

                  packages += [ git ]
                  host-env  = [ "RUST_LOG" ]
                  resources { vcpus = 2 }
                  state-version = "25.05"
                }
                """, fmt("""
                sandbox a {
                  system = x86_64-linux
                  hypervisor = qemu
                  # a comment does not end the run
                  nixpkgs = "nixos-25.05"

                  packages += [ git ]
                  host-env = [ "RUST_LOG" ]
                  resources { vcpus = 2 }
                  state-version = "25.05"
                }
                """));
    }

    @Test
    void oneLineBlocksOfOneKeyAlignTheirBraces() {
        assertEquals("""
                sandbox a {
                  secret anthropic { from = env "A" }
                  secret openai    { from = env "B" }
                  share x { source = "."; mount = /x }
                }
                """, fmt("""
                sandbox a {
                  secret anthropic { from = env "A" }
                  secret openai { from = env "B" }
                  share x { source = "."; mount = /x }
                }
                """));
    }

    @Test
    void trailingCommentsOfARunLineUpTwoColumnsAfterItsLongestCommentedLine() {
        assertEquals("""
                sandbox a {
                  agent codex {
                    autonomy = full           # everything
                    api-key  = secret openai  # the key
                    args     = [ ]
                  }
                  share x { source = "."; mount = /x }  # a block
                }
                """, fmt("""
                sandbox a {
                  agent codex {
                    autonomy = full # everything
                    api-key = secret openai          # the key
                    args = [ ]
                  }
                  share x { source = "."; mount = /x }     # a block
                }
                """));
    }

    @Test
    void blankLinesAreKeptOnceBetweenEntriesAndDroppedAtBlockEdges() {
        assertEquals("""
                # header

                sandbox a {
                  hypervisor = qemu

                  # about vcpus

                  resources { vcpus = 2 }
                }

                sandbox b {
                  hypervisor = qemu
                }
                """, fmt("\n\n# header\n\n\n\nsandbox a {\n\n\n  hypervisor = qemu\n\n\n\n  # about vcpus\n\n"
                + "  resources { vcpus = 2 }\n\n\n}\n\n\n\nsandbox b {\n  hypervisor = qemu\n\n}\n\n\n"));
    }

    @Test
    void aBlockOnOneLineStaysThereWhileItFitsAndNeverJoinsLines() {
        String oneLine = "sandbox a {\n  resources { memory = 8 GiB; vcpus = 4; timeout = 60 min }\n}\n";
        assertEquals(oneLine, fmt(oneLine));
        String multi = "sandbox a {\n  resources {\n    memory = 8 GiB\n  }\n}\n";
        assertEquals(multi, fmt(multi));
        assertEquals("sandbox a {\n  network {\n  }\n  user agent { }\n}\n", fmt("sandbox a {\n network {\n }\n user agent {}\n}"));
    }

    @Test
    void aLineOverTheWidthIsOpenedOneEntryOrItemPerLine() {
        String domains = "\"api.anthropic.com:443\", \"github.com:443\", \"registry.npmjs.org:443\", \"pypi.org:443\"";
        String out = fmt("sandbox a {\n  network { mode = allowlist; allow = [ " + domains + " ] }\n}\n");
        assertEquals("""
                sandbox a {
                  network {
                    mode  = allowlist
                    allow = [ "api.anthropic.com:443", "github.com:443", "registry.npmjs.org:443", "pypi.org:443" ]
                  }
                }
                """, out);
        String longer = fmt("sandbox a {\n  network { allow = [ " + domains + ", \"files.pythonhosted.org:443\" ] }\n}\n");
        assertEquals("""
                sandbox a {
                  network {
                    allow = [
                      "api.anthropic.com:443"
                      "github.com:443"
                      "registry.npmjs.org:443"
                      "pypi.org:443"
                      "files.pythonhosted.org:443"
                    ]
                  }
                }
                """, longer);
        for (String line : longer.split("\n")) assertTrue(line.length() <= Formatter.MAX_WIDTH, line);
    }

    @Test
    void oneItemOfManyWordsIsNeverSplit() {
        // `[ git gh ]` is one item of two words; splitting it would change the tree.
        String words = "a".repeat(40) + " " + "b".repeat(40) + " " + "c".repeat(40);
        assertEquals("sandbox a {\n  packages = [\n    " + words + "\n  ]\n}\n", fmt("sandbox a {\n  packages = [ " + words + " ]\n}\n"));
    }

    @Test
    void stringsAreWrittenExactlyAsTheyCame() {
        String text = """
                sandbox a {
                  nixpkgs = "nixos-25.05"
                  user agent { git { name = "A \\"quoted\\" \\\\ name \\u{1F600} \\t ${x}"; email = "a@b" } }
                  host-env = [ "A_B" ]
                }
                """;
        assertEquals(text, fmt(text));
    }

    @Test
    void crlfTabsAndAMissingLastLineEndBecomeLfSpacesAndOneLineEnd() {
        assertEquals("sandbox a {\n  hypervisor = qemu\n  resources { vcpus = 2 }\n}\n",
                fmt("sandbox a {\r\n\thypervisor\t=\tqemu\r\n\tresources {\tvcpus = 2 }\r\n}"));
        assertEquals("sandbox a {\n  hypervisor = qemu\n}\n", fmt("sandbox a {\n  hypervisor = qemu   \n}\n\n\n\n"));
    }

    @Test
    void emptyAndCommentOnlyFiles() {
        assertEquals("", fmt(""));
        assertEquals("", fmt("\n\n  \n"));
        assertEquals("# one\n\n# two\n", fmt("   # one   \n\n\n\t# two\n"));
    }

    @Test
    void commentsKeepTheirPlace() {
        assertEquals("""
                # before the sandbox
                sandbox a {  # after its brace
                  # before a setting
                  hypervisor = qemu  # after it
                  network {
                    allow = [  # after the bracket
                      # before an item
                      "a.example.com"  # after an item
                      "b.example.com"
                      # last in the list
                    ]  # after the list
                    # last in the block
                  }  # after the block
                }
                # at the end
                """, fmt("""
                # before the sandbox
                sandbox a { # after its brace
                      # before a setting
                  hypervisor = qemu # after it
                  network {
                    allow = [ # after the bracket
                    # before an item
                      "a.example.com" # after an item
                      "b.example.com"
                        # last in the list
                    ] # after the list
                    # last in the block
                  } # after the block
                }
                # at the end
                """));
    }

    @Test
    void aTrailingCommentStaysWithTheFirstStatementOfItsLine() {
        // The suppression semantics: a trailing comment speaks about its own line, whose first
        // statement is `a`; the closing brace that followed it moves, the comment does not.
        assertEquals("sandbox s {\n  a = 1  # about a\n}\n", fmt("sandbox s {\n  a = 1 } # about a\n"));
    }

    @Test
    void aSuppressedLineIsNeverSplit() {
        String trailing = "sandbox s {\n  user agent {\n    sudo = none; initial-password = \"x\"  # sandboxc:ignore SBX-SECRET-005 reason=\"test\"\n  }\n}\n";
        assertEquals(trailing, fmt(trailing));
        String above = "sandbox s {\n  # sandboxc:ignore SBX-SHARE-007 reason=\"test\"\n  share w { source = \".\"; mount = /workspace; access = read-write; proto = virtiofs; tag = \"some-long-tag-name\" }\n}\n";
        assertTrue(above.lines().anyMatch(l -> l.length() > Formatter.MAX_WIDTH));
        assertEquals(above, fmt(above));
        // Without the suppression the same lines are split.
        assertEquals(4 + 5, fmt(above.replace("  # sandboxc:ignore SBX-SHARE-007 reason=\"test\"\n", "")).lines().count());
        // A closing brace between two statements of a covered line stays between them.
        String closing = "sandbox s {\n  share w {\n    source = \".\"\n    # sandboxc:ignore SBX-SHARE-007 reason=\"test\"\n"
                + "    access = read-write }; network { mode = nat }\n}\n";
        assertEquals(closing, fmt(closing));
        assertEquals(closing.replace("# sandboxc:ignore SBX-SHARE-007 reason=\"test\"", "# a plain comment")
                .replace("read-write }; network { mode = nat }", "read-write\n  }\n  network { mode = nat }"),
                fmt(closing.replace("# sandboxc:ignore SBX-SHARE-007 reason=\"test\"", "# a plain comment")));
    }

    @Test
    void aSuppressedFindingStaysSuppressed() {
        String text = """
                sandbox s {
                  resources { memory = 4 GiB; vcpus = 2; timeout = 30 min }
                  share w {
                    source = "."; mount = /workspace
                    access = read-write   # sandboxc:ignore SBX-SHARE-007 reason="reviewed"
                  }
                  user agent { sudo = none; initial-password = "x" }   # sandboxc:ignore SBX-SECRET-005 reason="lab only"
                  # sandboxc:ignore SBX-NET-001 reason="a test"
                  network { mode = nat }
                }
                """;
        List<String> before = FormatChecks.findings(TestSupport.source("t.sandbox", text), LocalDate.of(2026, 11, 23));
        assertTrue(before.stream().filter(f -> f.endsWith("[suppressed]")).count() >= 3, before.toString());
        String out = fmt(text);
        assertEquals(before, FormatChecks.findings(TestSupport.source("t.sandbox", out), LocalDate.of(2026, 11, 23)));
    }

    @Test
    void aSuppressionThatWouldMoveRefusesTheFile() {
        // The comment covers a line holding only ';', which the layout drops: it would come
        // to cover `b = 2` instead, so the file is left alone and the comment named.
        Formatter.Result r = Formatter.format(TestSupport.source("t.sandbox",
                "sandbox s {\n  a = 1\n  # sandboxc:ignore SBX-NET-001 reason=\"r\"\n  ;\n  b = 2\n}\n"));
        assertFalse(r.formatted());
        Diagnostic d = r.errors().get(0);
        assertEquals("E020", d.code());
        assertEquals(3, d.span().line());
        assertTrue(DiagnosticRenderer.render(d).contains("= hint: "), DiagnosticRenderer.render(d));
    }

    @Test
    void aCarriageReturnInsideALineRefusesTheFile() {
        // To the parser a lone CR is a blank, yet it ends a comment: here `a = 1` with a
        // comment in the middle, which no layout can keep without changing the file.
        Formatter.Result r = Formatter.format(TestSupport.source("t.sandbox", "sandbox s {\n  a = # note\r1\n}\n"));
        assertFalse(r.formatted());
        assertEquals("E021", r.errors().get(0).code());
        assertEquals("t.sandbox:2:13", r.errors().get(0).span().location());
    }

    @Test
    void aSyntaxErrorIsReportedNotFormatted() {
        Formatter.Result r = Formatter.format(TestSupport.source("t.sandbox", "sandbox s {\n  memory = [ 1,\n}\n"));
        assertFalse(r.formatted());
        assertEquals("E010", r.errors().get(0).code());
        assertEquals("t.sandbox:3:1", r.errors().get(0).span().location());
    }

    @Test
    void typeErrorsDoNotStopFormatting() {
        assertEquals("sandbox s {\n  resources { memory = \"8192\"; vcpus = lots }\n  frobnicate = yes\n}\n",
                fmt("sandbox s {\n resources { memory = \"8192\" ; vcpus = lots }\n frobnicate=yes }"));
    }

    @Test
    void labelsMayBeStrings() {
        assertEquals("sandbox \"a b\" {\n  hypervisor = qemu\n}\n", fmt("sandbox \"a b\"{\nhypervisor=qemu}"));
    }

    @Test
    void multiLineListsSeparateItemsByLineEnds() {
        assertEquals("""
                sandbox a {
                  network {
                    forward = [
                      tcp 127.0.0.1:2222 -> 22
                      tcp 127.0.0.1:3000 -> 3000
                    ]
                  }
                }
                """, fmt("sandbox a {\n  network {\n    forward = [ tcp 127.0.0.1:2222 -> 22,\n tcp 127.0.0.1:3000 -> 3000, ]\n  }\n}\n"));
    }
}
