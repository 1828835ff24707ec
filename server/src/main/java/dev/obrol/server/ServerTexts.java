package dev.obrol.server;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Texts the server composes for people (replies to clients, console output), in the client's
 * language. Backed by the {@code dev.obrol.server.texts} resource bundle (English and Indonesian).
 */
public final class ServerTexts {
    private static final String BUNDLE = "dev.obrol.server.texts";

    private final ResourceBundle bundle;
    private final Locale locale;

    private ServerTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static final ServerTexts ENGLISH = new ServerTexts(Locale.ENGLISH);
    private static final ServerTexts INDONESIAN = new ServerTexts(Locale.forLanguageTag("id"));

    /** Texts for a language tag such as "id" or "en-US"; English for anything else. */
    public static ServerTexts forLanguage(String tag) {
        if (tag != null && Locale.forLanguageTag(tag).getLanguage().equals("id")) {
            return INDONESIAN;
        }
        return ENGLISH;
    }

    public static ServerTexts forLocale(Locale locale) {
        return forLanguage(locale.toLanguageTag());
    }

    public String language() {
        return locale.getLanguage();
    }

    /** The text under {@code key} with {@code args} filled in ({@link MessageFormat} syntax). */
    public String format(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
