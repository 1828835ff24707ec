package dev.obrol.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "notes.txt|notes.txt",
        "../../etc/passwd|passwd",
        "/etc/shadow|shadow",
        "..\\..\\Windows\\system.ini|system.ini",
        "C:\\Users\\x\\evil.exe|evil.exe",
        "C:evil.txt|evil.txt",
        "..|file",
        ".|file",
        "''|file",
        ".bashrc|bashrc",
        "CON|_CON",
        "con.txt|_con.txt",
        "LPT1.log|_LPT1.log",
        "a<b>c:d|d",
        "what?.txt|what_.txt",
        "laporan akhir.pdf|laporan akhir.pdf",
        "trailing dots...|trailing dots",
        "résumé 📄.pdf|résumé 📄.pdf",
    })
    void sanitizesToABareSafeName(String offered, String expected) {
        assertThat(FileNames.sanitize(offered)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a\u0000b.txt", "a\u001b[31mred.txt", "a\u202Etxt.exe", "a\nb.txt"})
    void controlAndBidiCharactersAreReplaced(String offered) {
        String safe = FileNames.sanitize(offered);
        assertThat(safe.chars()).as("no control or bidi characters in %s", safe)
                .noneMatch(c -> Text.isUnsafe((char) c.intValue()));
        assertThat(safe).doesNotContain("/").doesNotContain("\\");
    }

    @ParameterizedTest
    @CsvSource({"300", "1000"})
    void longNamesAreCutKeepingTheExtension(int length) {
        String safe = FileNames.sanitize("x".repeat(length) + ".tar");
        assertThat(safe).hasSizeLessThanOrEqualTo(FileNames.MAX_NAME_CHARS).endsWith(".tar");
    }
}
