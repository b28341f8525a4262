package io.github.octomvn.octopus.pack;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Reads Maven's {@code project.build.outputTimestamp} with the rules of maven-archiver. */
public final class OutputTimestamp {
    // The zip format's DOS time range, which maven-archiver enforces for every archive type.
    private static final Instant MIN = Instant.parse("1980-01-01T00:00:02Z");
    private static final Instant MAX = Instant.parse("2099-12-31T23:59:59Z");

    private OutputTimestamp() {}

    /**
     * Empty when the value is null, empty or a single non-digit character (the way a child POM switches an inherited
     * value off); all digits are seconds since the epoch; anything else must be an ISO-8601 date-time with an offset,
     * such as {@code 2026-11-25T09:30:15Z}. Fractions of a second are dropped.
     */
    public static Optional<Instant> parseOutputTimestamp(String value) throws PackagingException {
        if (value == null) {
            return Optional.empty();
        }
        Instant instant;
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                instant = Instant.ofEpochSecond(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw outOfRange(value);
            }
        } else if (value.length() < 2) {
            return Optional.empty();
        } else {
            try {
                instant = OffsetDateTime.parse(value)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new PackagingException("Invalid project.build.outputTimestamp '" + value
                        + "': use an ISO-8601 date-time with an offset such as 2026-11-25T09:30:15Z, or seconds"
                        + " since the epoch.");
            }
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw outOfRange(value);
        }
        return Optional.of(instant);
    }

    private static PackagingException outOfRange(String value) {
        return new PackagingException("Invalid project.build.outputTimestamp '" + value + "': it must lie between "
                + MIN + " and " + MAX + " (the range a zip file can store).");
    }
}
