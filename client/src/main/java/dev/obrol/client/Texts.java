package dev.obrol.client;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every sentence the client shows, read from {@code dev/obrol/client/texts*.properties} and filled
 * in with {@link MessageFormat}, so a translation can reorder words freely. Immutable, thread-safe.
 */
public final class Texts {
    private static final String BUNDLE = "dev.obrol.client.texts";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** The texts for {@code locale}; English when there is no translation for it. */
    public static Texts forLocale(Locale locale) {
        // No fallback to the JVM's default locale: "--lang en" must give English on an Indonesian machine.
        ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        return new Texts(ResourceBundle.getBundle(BUNDLE, locale, control), locale);
    }

    /** The language tag the texts are in ("en" or "id"), as sent to the server in the handshake. */
    public String language() {
        String lang = bundle.getLocale().getLanguage();
        return lang.isEmpty() ? "en" : lang;
    }

    /** The text under {@code key} with {@code args} filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!"; // a missing translation must never take the client down
        }
        // Always through MessageFormat, so every pattern follows the same quoting rules ('' for ').
        return new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
