package dev.obrol.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What Tab offers, word by word: command names after "/", then per command online users, file
 * paths, the senders of waiting offers and their file names or transfer ids, the people with a
 * streamed transfer and its name or id (for /cancelfile), or command names for /help; any number
 * of online users after /watch, and the people watched after /unwatch. In plain text every word
 * completes to an online user, as in IRC clients.
 * Works on words already split by the line editor, so it is tested without a terminal; the
 * editor filters the candidates by what is typed. Thread-safe if its sources are.
 */
public final class ChatCompletion {
    /** What an argument position holds. */
    enum Arg {
        USER,
        PATH,
        OFFER_SENDER,
        /** The name or transfer id of an offer from the sender before it. */
        OFFER_FILE,
        /** Someone with a streamed transfer, offered or running, either direction. */
        TRANSFER_PEER,
        /** The name or id of a transfer with the person before it. */
        TRANSFER_FILE,
        COMMAND,
        /** Someone on the watch list. */
        WATCHED
    }

    /** Argument kinds by command; commands not listed here take no completable arguments. */
    private static final Map<String, List<Arg>> ARGS = Map.of(
            "msg", List.of(Arg.USER),
            "sendfile", List.of(Arg.USER, Arg.PATH),
            "acceptfile", List.of(Arg.OFFER_SENDER, Arg.OFFER_FILE),
            "rejectfile", List.of(Arg.OFFER_SENDER, Arg.OFFER_FILE),
            "cancelfile", List.of(Arg.TRANSFER_PEER, Arg.TRANSFER_FILE),
            "help", List.of(Arg.COMMAND),
            "watch", List.of(Arg.USER),
            "unwatch", List.of(Arg.WATCHED));
    /** Commands whose last argument kind repeats: each further word is one more of it. */
    private static final Set<String> REPEATING = Set.of("watch", "unwatch");

    private final CommandTable commands;
    private final OnlineUsers online;
    private final PendingOffers offers;
    private final ActiveTransfers transfers;
    private final WatchList watching;
    private final PathCompletion paths;

    public ChatCompletion(CommandTable commands, OnlineUsers online, PendingOffers offers, ActiveTransfers transfers, WatchList watching,
            Path workingDir) {
        this.commands = commands;
        this.online = online;
        this.offers = offers;
        this.transfers = transfers;
        this.watching = watching;
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
        if (index < 1 || index > args.size() && !REPEATING.contains(name)) {
            return List.of();
        }
        String previous = words.size() > 1 ? words.get(1) : "";
        return switch (args.get(Math.min(index, args.size()) - 1)) {
            case USER -> users();
            case PATH -> paths.complete(typed);
            case OFFER_SENDER -> words(offers.senders());
            case OFFER_FILE -> words(offers.namesAndIds(previous));
            case TRANSFER_PEER -> words(transfers.peers());
            case TRANSFER_FILE -> words(transfers.namesAndIds(previous));
            case COMMAND -> commandNames("");
            case WATCHED -> words(watching.names());
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

    private static List<Suggestion> words(List<String> values) {
        return values.stream().map(Suggestion::word).toList();
    }
}
