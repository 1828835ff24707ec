package dev.obrol.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes a man page (roff, section 1) for one command from its picocli definition: the same
 * options, parameters and descriptions as {@code --help}, so the two cannot drift apart. Extra
 * sections (files, environment, interactive commands) are passed in as plain paragraphs.
 */
public final class ManPage {
    private ManPage() {}

    /** The page for {@code command}; {@code extra} maps section titles to their paragraphs, in order. */
    public static String of(CommandLine command, String version, Map<String, List<String>> extra) {
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName("-");
        String[] description = spec.usageMessage().description();
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(escape(name.toUpperCase(java.util.Locale.ROOT))).append(" 1 \"\" \"")
                .append(escape(version)).append("\" \"obrol manual\"\n");
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(description.length > 0 ? description[0] : "")).append('\n');
        out.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip()))
                .append("\n.fi\n");
        out.append(".SH DESCRIPTION\n");
        for (String line : description) {
            out.append(escape(line)).append("\n.PP\n");
        }
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                item(out, "\\fI" + escape(p.paramLabel()) + "\\fR", p.description());
            }
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                item(out, optionTerm(o), o.description());
            }
        }
        List<String> subcommands = new ArrayList<>(command.getSubcommands().keySet());
        if (!subcommands.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (String sub : subcommands) {
                CommandSpec subSpec = command.getSubcommands().get(sub).getCommandSpec();
                if (!subSpec.usageMessage().hidden()) {
                    item(out, "\\fB" + escape(sub) + "\\fR", first(subSpec.usageMessage().description()));
                }
            }
        }
        extra.forEach((title, paragraphs) -> {
            out.append(".SH ").append(escape(title.toUpperCase(java.util.Locale.ROOT))).append('\n');
            for (String paragraph : paragraphs) {
                out.append(escape(paragraph)).append("\n.PP\n");
            }
        });
        return out.toString();
    }

    private static String optionTerm(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + escape(n) + "\\fR");
        }
        String term = String.join(", ", names);
        if (o.arity().max() > 0) {
            term += "=\\fI" + escape(o.paramLabel()) + "\\fR";
        }
        return term;
    }

    private static void item(StringBuilder out, String term, String[] description) {
        out.append(".TP\n").append(term).append('\n').append(escape(String.join(" ", description))).append('\n');
    }

    private static String[] first(String[] lines) {
        return lines.length == 0 ? lines : new String[] {lines[0]};
    }

    /** Roff escaping: backslashes, hyphens (so they copy as ASCII), and a leading dot or quote. */
    static String escape(String s) {
        String escaped = s.replace("\\", "\\e").replace("-", "\\-");
        if (escaped.startsWith(".") || escaped.startsWith("'")) {
            escaped = "\\&" + escaped;
        }
        return escaped.replace("\n.", "\n\\&.").replace("\n'", "\n\\&'");
    }
}
