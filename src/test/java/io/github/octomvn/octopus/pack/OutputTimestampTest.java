package io.github.octomvn.octopus.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputTimestampTest {

    @Test
    void nullMeansNotReproducible() throws Exception {
        assertThat(OutputTimestamp.parseOutputTimestamp(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "x", "-"})
    void emptyOrSingleNonDigitCharacterSwitchesReproducibilityOff(String value) throws Exception {
        assertThat(OutputTimestamp.parseOutputTimestamp(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T00:00:00Z, 2026-11-25T00:00:00Z",
        "2019-10-05T20:37:42+06:00, 2019-10-05T14:37:42Z",
        "2026-11-25T09:30:15.999Z, 2026-11-25T09:30:15Z",
        "1980-01-01T00:00:02Z, 1980-01-01T00:00:02Z",
        "2099-12-31T23:59:59Z, 2099-12-31T23:59:59Z",
        "1764063015, 2025-11-25T09:30:15Z",
    })
    void readsIsoDateTimesAndEpochSeconds(String value, String expected) throws Exception {
        assertThat(OutputTimestamp.parseOutputTimestamp(value)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1980-01-01T00:00:01Z", "2100-01-01T00:00:00Z", "0", "7", "99999999999999999999"})
    void refusesTimesAZipCannotStore(String value) {
        assertThatThrownBy(() -> OutputTimestamp.parseOutputTimestamp(value))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Invalid project.build.outputTimestamp '" + value + "': it must lie between"
                        + " 1980-01-01T00:00:02Z and 2099-12-31T23:59:59Z (the range a zip file can store).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-25", "2026-11-25T00:00:00", "25/11/2026 00:00", "-1"})
    void refusesGarbage(String value) {
        assertThatThrownBy(() -> OutputTimestamp.parseOutputTimestamp(value))
                .isInstanceOf(PackagingException.class)
                .hasMessage("Invalid project.build.outputTimestamp '" + value + "': use an ISO-8601 date-time with an"
                        + " offset such as 2026-11-25T09:30:15Z, or seconds since the epoch.");
    }
}
