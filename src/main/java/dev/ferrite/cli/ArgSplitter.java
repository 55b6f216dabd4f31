package dev.ferrite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Separates ferrite's own options from compiler flags on a {@code check} command line, so that kbuild's
 * {@code $(CHECK) $(CHECKFLAGS) $(c_flags) file.c} and {@code ferrite check FILE... -- FLAGS} both work.
 *
 * <p>Before {@code --}: an argument that is exactly one of ferrite's option names (or {@code --name=value},
 * or {@code -jN}) is ferrite's, with its value when it takes one; anything else (files, directories,
 * {@code -I}, {@code -D}, {@code -W...}, {@code -mlittle-endian}, ...) is passed through in order, a compiler
 * option that takes a separate value together with that value. After {@code --} everything is a compiler
 * flag or source file.
 *
 * <p>The result is {@code ferrite options..., "--", passed through...}, with the user's own {@code --} kept
 * in the passed-through part so that {@link Inputs} knows which operands came after it.
 */
final class ArgSplitter {
    private ArgSplitter() {
    }

    /**
     * GCC/Clang/sparse options whose value is the next argument (so that the value is never taken for a
     * file to check or for one of ferrite's options).
     */
    static final Set<String> SEPARATE_VALUE = Set.of(
            "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter", "-iprefix",
            "-iwithprefix", "-iwithprefixbefore", "-isysroot", "-isystem-after", "--sysroot", "-x", "-o",
            "-MF", "-MT", "-MQ", "-MJ", "-L", "-l", "-T", "-u", "-z", "-e", "-A", "-B", "--param", "-Xlinker",
            "-Xassembler", "-Xpreprocessor", "-Xclang", "-mllvm", "-target", "-aux-info", "-wrapper", "--specs",
            "-dumpbase", "-dumpbase-ext", "-dumpdir", "-arch", "-include-pch", "-ivfsoverlay", "-iframework",
            "-gcc-toolchain", "-imultilib", "-imultiarch", "-iwithsysroot", "-working-directory", "--include",
            "--imacros", "--include-directory", "--define-macro", "--undefine-macro", "--assert", "--language",
            "--output", "--include-directory-after", "--include-prefix", "--include-with-prefix",
            "--include-with-prefix-before", "--include-with-prefix-after", "-cxx-isystem",
            "--serialize-diagnostics", "-gcc-base-dir", "-multiarch-dir");

    /** The split command line and notes about arguments that were not taken as the user may have meant. */
    record Result(List<String> args, List<String> notes) {
    }

    static Result split(List<String> in, Map<String, OptionSpec> options) {
        List<String> mine = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean afterDashDash = false;
        for (int i = 0; i < in.size(); i++) {
            String a = in.get(i);
            if (afterDashDash) {
                passed.add(a);
                continue;
            }
            if (a.equals("--")) {
                afterDashDash = true;
                passed.add(a);
                continue;
            }
            OptionSpec o = option(options, a);
            if (o != null) {
                if (takesValue(o) && i + 1 < in.size()) {
                    String v = in.get(i + 1);
                    if (a.equals("-o") && v.endsWith(".o")) {
                        // kbuild-like command lines with "-c -o foo.o": never overwrite an object file with a report
                        passed.add(a);
                        passed.add(v);
                        notes.add("ignored -o " + v + ": it names an object file; write the report with --output FILE");
                    } else {
                        mine.add(a);
                        mine.add(v);
                    }
                    i++;
                } else {
                    mine.add(a);
                }
                continue;
            }
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2 && options.containsKey(a.substring(0, eq))) {
                mine.add(a);
                continue;
            }
            if (a.startsWith("-j") && a.length() > 2 && a.substring(2).chars().allMatch(Character::isDigit)) {
                mine.add("-j");
                mine.add(a.substring(2));
                continue;
            }
            passed.add(a);
            if (SEPARATE_VALUE.contains(a) && i + 1 < in.size()) {
                passed.add(in.get(++i));
            }
        }
        List<String> out = new ArrayList<>(mine);
        out.add("--");
        out.addAll(passed);
        return new Result(out, notes);
    }

    /** The option named {@code a}, also in the negated form of a negatable one ({@code --no-progress}). */
    private static OptionSpec option(Map<String, OptionSpec> options, String a) {
        OptionSpec o = options.get(a);
        if (o != null || !a.startsWith("--no-")) return o;
        OptionSpec positive = options.get("--" + a.substring("--no-".length()));
        return positive != null && positive.negatable() ? positive : null;
    }

    private static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0 && !o.typeInfo().isBoolean();
    }
}
