package dev.obrol.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Tab offers, word by word: command names after "/", then per command online users, file
 * paths, the senders of waiting offers and their file names, transfers in progress, or command
 * names for /help. In plain text every word completes to an online user, as in IRC clients.
 * Works on words already split by the line editor, so it is tested without a terminal; the
 * editor filters the candidates by what is typed. Thread-safe if its sources are.
 */
public final class ChatCompletion {
    /** What an argument position holds. */
    enum Arg {
        USER,
        PATH,
        OFFER_SENDER,
        OFFER_FILE,
        SENDER_OR_TRANSFER,
        COMMAND
    }

    /** Argument kinds by command; commands not listed here take no completable arguments. */
    private static final Map<String, List<Arg>> ARGS = Map.of(
            "msg", List.of(Arg.USER),
            "sendfile", List.of(Arg.USER, Arg.PATH),
            "acceptfile", List.of(Arg.OFFER_SENDER, Arg.OFFER_FILE),
            "rejectfile", List.of(Arg.OFFER_SENDER, Arg.OFFER_FILE),
            "cancelfile", List.of(Arg.SENDER_OR_TRANSFER, Arg.OFFER_FILE),
            "help", List.of(Arg.COMMAND));

    private final CommandTable commands;
    private final OnlineUsers online;
    private final PendingOffers offers;
    private final StatusModel status;
    private final PathCompletion paths;

    public ChatCompletion(CommandTable commands, OnlineUsers online, PendingOffers offers, StatusModel status, Path workingDir) {
        this.commands = commands;
        this.online = online;
        this.offers = offers;
        this.status = status;
        this.paths = new PathCompletion(workingDir, Path.of(System.getProperty("user.home")));
    }

    /**
     * Candidates for word {@code index} of {@code words} (the whole line split into words, the
     * word under the cursor included), {@code typed} being that word up to the cursor.
     */
    public List<Suggestion> complete(List<String> words, int index, String typed) {
        String first = words.isEmpty() ? "" : words.get(0);
        if (index == 0 && first.startsWith("/") && !first.startsWith("//")) {
            return commandNames("/");
        }
        if (!first.startsWith("/") || first.startsWith("//")) {
            return users(); // plain text: names of people to address
        }
        String name = first.substring(1).toLowerCase(Locale.ROOT);
        if (commands.find(name).isEmpty()) {
            return List.of();
        }
        List<Arg> args = ARGS.getOrDefault(name, List.of());
        if (index < 1 || index > args.size()) {
            return List.of();
        }
        String previous = words.size() > 1 ? words.get(1) : "";
        return switch (args.get(index - 1)) {
            case USER -> users();
            case PATH -> paths.complete(typed);
            case OFFER_SENDER -> words(offers.senders());
            case OFFER_FILE -> words(offers.filenames(previous));
            case SENDER_OR_TRANSFER -> senderOrTransfer();
            case COMMAND -> commandNames("");
        };
    }

    private List<Suggestion> commandNames(String prefix) {
        List<Suggestion> out = new ArrayList<>();
        for (CommandTable.Spec spec : commands.specs()) {
            out.add(Suggestion.word(prefix + spec.name()));
        }
        return out;
    }

    private List<Suggestion> users() {
        return words(online.names());
    }

    private List<Suggestion> senderOrTransfer() {
        Set<String> both = new LinkedHashSet<>(status.transferIds());
        both.addAll(offers.senders());
        return words(List.copyOf(both));
    }

    private static List<Suggestion> words(List<String> values) {
        return values.stream().map(Suggestion::word).toList();
    }
}
