package dev.obrol.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads sizes the way people type them: {@code 1GiB}, {@code 256MiB}, {@code 64KiB} (powers of
 * 1024), {@code 100MB}, {@code 5kB} (powers of 1000), or a bare number of bytes.
 */
final class ByteSizeConverter implements ITypeConverter<Long> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([kmg]i?b|b)?");

    @Override
    public Long convert(String value) {
        Matcher m = FORMAT.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size (examples: 1GiB, 256MiB, 100MB, 4096)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(amount, factor);
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too large");
        }
    }
}
