package org.creditlab.cli;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks of a command's values that picocli's types cannot express. A failure is an IllegalArgumentException, which
 * {@link CreditLab} reports with exit code 2; its message names the flag with the value as typed, says what is wrong
 * and what to give instead.
 */
final class Flags {
    private final ParseResult parsed;

    Flags(CommandSpec spec) {
        this.parsed = spec.commandLine().getParseResult();
    }

    /** Whether the user gave {@code flag} (picocli's default values do not count). */
    boolean given(String flag) {
        return parsed.hasMatchedOption(flag);
    }

    /** The flag as typed, e.g. "--hidden 16,8" or "--hidden 16 --hidden 8"; the bare flag if it was not given. */
    String typed(String flag) {
        OptionSpec o = parsed.matchedOption(flag);
        if (o == null || o.arity().max() == 0) {
            return flag;
        }
        return o.originalStringValues().stream().map(v -> flag + " " + v).collect(Collectors.joining(" "));
    }

    /** Refuses {@code flag}'s value unless {@code ok}; {@code problem} says what is wrong and what to give instead. */
    void require(boolean ok, String flag, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(typed(flag) + ": " + problem);
        }
    }

    /** Refuses {@code flag} given explicitly where it would be ignored ({@code used} false); {@code why} says so. */
    void usedOnlyIf(boolean used, String flag, String why) {
        if (given(flag) && !used) {
            throw new IllegalArgumentException(typed(flag) + " " + why);
        }
    }

    /**
     * Refuses a list option given more than once: picocli would join the occurrences, so "--hidden 16 --hidden 8"
     * would quietly build 16-8 where a repeated single-valued flag is an error.
     */
    void once(String flag, String what) {
        OptionSpec o = parsed.matchedOption(flag);
        if (o != null && o.originalStringValues().size() > 1) {
            throw new IllegalArgumentException(typed(flag) + ": " + flag + " is given " + o.originalStringValues().size()
                    + " times; give " + what + " once, comma separated: " + flag + " " + String.join(",", o.originalStringValues()));
        }
    }

    /** The options given other than {@code except}, as typed. */
    List<String> givenExcept(Set<String> except) {
        return parsed.matchedOptions().stream().map(OptionSpec::longestName).filter(n -> !except.contains(n)).distinct()
                .map(this::typed).toList();
    }

    /** {@code parser} applied to {@code flag}'s text, with the flag and text put before its error message. */
    <T> T parse(String flag, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " " + text + ": " + e.getMessage(), e);
        }
    }
}
