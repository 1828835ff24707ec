package dev.obrol.protocol;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Locale;
import java.util.Optional;

/**
 * The username rules, shared by server (which enforces them) and client (which checks early):
 * 1 to 32 characters; letters of any script, digits, '_', '-', '.'; nothing invisible; letters of
 * one script (UTS #39 "highly restrictive"); unique after NFKC case folding ({@link #key}). The
 * server also refuses a name that looks like one online ({@link #skeleton}); that depends on who is
 * online, so it is not part of {@link #check}. Rules are from ICU's Unicode data, not our tables.
 * Thread-safe; ICU's data loads on the first name that is not plain ASCII (keys, checks) or on
 * the first skeleton.
 */
public final class Usernames {
    private Usernames() {}

    /** What can be wrong with a username, in the order {@link #check} looks for it. */
    public enum Problem {
        EMPTY("Username must not be empty."),
        TOO_LONG("Username must be at most " + Limits.MAX_USERNAME_CHARS + " characters."),
        INVISIBLE("Username must not contain invisible characters or text-direction controls."),
        BAD_CHARS("Username may contain only letters, digits, '_', '-' and '.' (no spaces)."),
        HIDDEN_MARK("Username must not contain a mark that cannot be seen (the same accent twice, or a dot on i)."),
        MIXED_DIGITS("Username must not mix digits of different scripts (such as 1 and \u0661)."),
        MIXED_SCRIPTS("Username must use the letters of one script; Latin may be combined only with"
                + " Chinese, Japanese or Korean.");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** The problem explained in English. */
        public String english() {
            return english;
        }
    }

    /**
     * The form in which a name is kept and shown: as typed, composed to NFC, so that {@code é}
     * typed as one code point or as {@code e} plus a combining accent is one spelling. NFC changes
     * no glyph (unlike NFKC, which would turn {@code ﬁ} into {@code fi}); {@link #check} applies
     * to this form. Null stays null.
     */
    public static String display(String typed) {
        if (typed == null || isAscii(typed)) {
            return typed;
        }
        return Unicode.NFC.normalize(typed);
    }

    /** What is wrong with {@code name} (in {@link #display} form), or empty if it is acceptable. */
    public static Optional<Problem> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(Problem.EMPTY);
        }
        if (name.codePointCount(0, name.length()) > Limits.MAX_USERNAME_CHARS) {
            return Optional.of(Problem.TOO_LONG);
        }
        // Before BAD_CHARS: most invisible characters are also not letters, and this says why better.
        if (name.codePoints().anyMatch(Usernames::isInvisible)) {
            return Optional.of(Problem.INVISIBLE);
        }
        if (name.codePoints().anyMatch(cp -> !isAllowed(cp))) {
            return Optional.of(Problem.BAD_CHARS);
        }
        if (isAscii(name)) {
            return Optional.empty(); // one script (or none), one set of digits, no marks at all
        }
        return spoofProblem(name);
    }

    /** Why {@code name} is not acceptable, in English, or empty if it is. */
    public static Optional<String> problem(String name) {
        return check(name).map(Problem::english);
    }

    private static boolean isInvisible(int cp) {
        // Default_Ignorable_Code_Point covers zero-width characters, bidi controls (U+202E, U+2066...),
        // variation selectors and the Hangul fillers: the last are letters (Lo), so BAD_CHARS misses them,
        // and a name made of them alone would look empty.
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL);
    }

    private static boolean isAllowed(int cp) {
        // Combining marks are letters' parts in many scripts (Devanagari, Thai, ...).
        int category = Character.getType(cp);
        return Character.isLetterOrDigit(cp)
                || category == Character.NON_SPACING_MARK
                || category == Character.COMBINING_SPACING_MARK
                || cp == '_'
                || cp == '-'
                || cp == '.';
    }

    private static Optional<Problem> spoofProblem(String name) {
        // ICU finds a repeated mark only between marks: decomposed, "é" + U+0301 shows its two acute accents.
        if (Unicode.REPEATED_MARKS.failsChecks(Unicode.NFD.normalize(name))) {
            return Optional.of(Problem.HIDDEN_MARK);
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        if (!Unicode.SINGLE_NAME.failsChecks(name, result)) {
            return Optional.empty();
        }
        // Most specific first: a Latin name with an Arabic-Indic digit also fails the script check.
        if ((result.checks & SpoofChecker.HIDDEN_OVERLAY) != 0) {
            return Optional.of(Problem.HIDDEN_MARK);
        }
        if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
            return Optional.of(Problem.MIXED_DIGITS);
        }
        return Optional.of(Problem.MIXED_SCRIPTS);
    }

    /**
     * The key under which a name is unique: NFKC case folded (Unicode's NFKC_Casefold), so case,
     * width ({@code Ａ}), compatibility forms ({@code ﬁ}) and composition ({@code é} vs {@code e}
     * plus U+0301) do not make another user. Lookups (a message's target) go by this key.
     */
    public static String key(String name) {
        if (isAscii(name)) {
            // Looked up for every message relayed: on ASCII, NFKC_Casefold is lowering alone (see
            // UsernamesTest), done with at most one copy and without ICU.
            return name.toLowerCase(Locale.ROOT);
        }
        return Unicode.NFKC_CASEFOLD.normalize(name);
    }

    /**
     * What a name looks like: the UTS #39 confusable skeleton of its NFKC form, then case folded
     * (as the IRC server Ergo does). Names that can be mistaken for each other, such as
     * {@code alice}, {@code aIice} (capital I) and Cyrillic {@code аӏісе}, have the same skeleton.
     * Taken from the name as typed, not from its key: folding first would hide that {@code I}
     * looks like {@code l}. For equality only; never shown.
     */
    public static String skeleton(String name) {
        String compatible = isAscii(name) ? name : Unicode.NFKC.normalize(name);
        return Unicode.NFKC_CASEFOLD.normalize(Unicode.SKELETONS.getSkeleton(compatible));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** ICU's normalizers and spoof checkers, loaded on first use: ASCII-only keys never need them. */
    private static final class Unicode {
        static final Normalizer2 NFC = Normalizer2.getNFCInstance();
        static final Normalizer2 NFD = Normalizer2.getNFDInstance();
        static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
        static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
        /**
         * Checks one name on its own. HIGHLY_RESTRICTIVE allows one script, or Latin with Han and
         * Japanese kana, Han and Bopomofo, or Han and Hangul. MODERATELY_RESTRICTIVE would also let
         * Latin join any other script but Cyrillic and Greek: Armenian and Cherokee, which have
         * Latin look-alikes, and Arabic or Hebrew, which a terminal lays out right to left, so
         * the parts of the name appear in another order than typed.
         */
        static final SpoofChecker SINGLE_NAME = new SpoofChecker.Builder()
                .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.HIDDEN_OVERLAY)
                .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
                .build();
        /**
         * The same mark twice on one letter, drawn on top of itself; given the NFD form. Apart from
         * SINGLE_NAME because HIDDEN_OVERLAY wants the composed form: decomposed, Turkish "İ" is an
         * I with a dot above, which it flags.
         */
        static final SpoofChecker REPEATED_MARKS = new SpoofChecker.Builder()
                .setChecks(SpoofChecker.INVISIBLE)
                .build();
        /** Only its confusable data is used ({@link SpoofChecker#getSkeleton}); thread-safe. */
        static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
    }
}
