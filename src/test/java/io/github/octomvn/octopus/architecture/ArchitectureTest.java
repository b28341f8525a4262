package io.github.octomvn.octopus.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows of docs/architecture.md, read from the main sources: only {@code maven/} knows Maven, {@code client/}
 * and {@code ci/} know no feature, and no two packages import each other (directly or round a longer loop).
 */
class ArchitectureTest {
    private static final String BASE = "io.github.octomvn.octopus";
    private static final Path MAIN = Path.of("src/main/java/io/github/octomvn/octopus");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PROJECT_TYPE = Pattern.compile("\\b" + Pattern.quote(BASE) + "\\.(\\w+)\\.");
    /** What only the Maven layer may say: parameter names, user properties, command lines, settings.xml. */
    private static final List<Pattern> MAVEN_WORDING = List.of(
            Pattern.compile("-Doctopus\\."),
            // a parameter tag, not a regex group such as (?<version>...)
            Pattern.compile(
                    "(?<!\\?)<(packageId|version|overwriteMode|buildInformationOverwriteMode|serverUrl|serverId|"
                            + "trustStore|packages|formats|fileSets|maxCommits|retries|timeout|connectTimeout|uploadTimeout|"
                            + "space|server|password)>"),
            Pattern.compile("\\bmvn "),
            Pattern.compile("octopus:(pack|push|build-information)\\b"));

    @Test
    void onlyTheMavenLayerImportsMaven() {
        List<String> offenders = new ArrayList<>();
        sources().forEach((file, text) -> {
            if (!packageOf(file).equals("maven") && text.contains("import org.apache.maven.")) {
                offenders.add(MAIN.relativize(file).toString());
            }
        });
        assertThat(offenders)
                .as("files outside maven/ that import org.apache.maven")
                .isEmpty();
    }

    @Test
    void onlyTheMavenLayerSpeaksOfMavenParameters() {
        List<String> offenders = new ArrayList<>();
        sources().forEach((file, text) -> {
            if (packageOf(file).equals("maven")) {
                return;
            }
            String code = withoutComments(text);
            for (Pattern wording : MAVEN_WORDING) {
                Matcher m = wording.matcher(code);
                if (m.find()) {
                    offenders.add(MAIN.relativize(file) + ": " + m.group());
                }
            }
        });
        assertThat(offenders)
                .as("Maven wording outside maven/: the core names the setting (Setting), the translator words it")
                .isEmpty();
    }

    @Test
    void theClientImportsNoFeature() {
        Map<String, Set<String>> arrows = arrows();
        assertThat(arrows.getOrDefault("client", Set.of()))
                .as("packages client/ imports")
                .isEmpty();
    }

    /** {@code ci/} sits under the features: they report through it, so it may know none of them. */
    @Test
    void theCiPackageImportsNoOtherPackage() {
        Map<String, Set<String>> arrows = arrows();
        assertThat(arrows.getOrDefault("ci", Set.of()))
                .as("packages ci/ imports")
                .isEmpty();
    }

    @Test
    void packagesImportEachOtherOneWayOnly() {
        Map<String, Set<String>> arrows = arrows();
        List<String> cycles = new ArrayList<>();
        for (String from : arrows.keySet()) {
            for (String to : arrows.get(from)) {
                if (reaches(arrows, to, from, new TreeSet<>())) {
                    cycles.add(from + " -> " + to + " -> ... -> " + from);
                }
            }
        }
        assertThat(cycles).as("import cycles between packages").isEmpty();
    }

    /** Every import between packages is one docs/architecture.md allows, so the document stays true. */
    @Test
    void everyArrowIsOneTheArchitectureDocumentAllows() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("(?s)```\\n(.*?)```").matcher(doc);
        assertThat(block.find())
                .as("docs/architecture.md starts with a block of arrows")
                .isTrue();
        Map<String, Set<String>> allowed = new TreeMap<>();
        Matcher line = Pattern.compile("(?m)^(\\w+)/\\s+->\\s+([^(\\n]*)").matcher(block.group(1));
        while (line.find()) {
            Set<String> targets = new TreeSet<>();
            Matcher target = Pattern.compile("(\\w+)/").matcher(line.group(2));
            while (target.find()) {
                targets.add(target.group(1));
            }
            allowed.put(line.group(1), targets);
        }
        List<String> undocumented = new ArrayList<>();
        arrows().forEach((from, targets) -> {
            for (String to : targets) {
                if (!allowed.getOrDefault(from, Set.of()).contains(to)) {
                    undocumented.add(from + " -> " + to);
                }
            }
        });
        assertThat(undocumented)
                .as("imports docs/architecture.md does not allow")
                .isEmpty();
    }

    @Test
    void theArchitectureDocumentNamesEveryPackage() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"), StandardCharsets.UTF_8);
        List<String> missing;
        try (Stream<Path> dirs = Files.list(MAIN)) {
            missing = dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(name -> !doc.contains("`" + name + "/`"))
                    .collect(Collectors.toList());
        }
        assertThat(missing)
                .as("packages docs/architecture.md does not describe")
                .isEmpty();
    }

    private static boolean reaches(Map<String, Set<String>> arrows, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : arrows.getOrDefault(from, Set.of())) {
            if (reaches(arrows, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Package to the other project packages its main sources import (or name fully qualified). */
    static Map<String, Set<String>> arrows() {
        Map<String, Set<String>> arrows = new TreeMap<>();
        sources().forEach((file, text) -> {
            String from = packageOf(file);
            Set<String> targets = arrows.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                Matcher type = PROJECT_TYPE.matcher(imports.group(1) + ".");
                if (type.lookingAt() || type.find()) {
                    targets.add(type.group(1));
                }
            }
            Matcher qualified = PROJECT_TYPE.matcher(withoutComments(text).replaceAll("(?m)^(package|import) .*$", ""));
            while (qualified.find()) {
                targets.add(qualified.group(1));
            }
            targets.remove(from);
        });
        return arrows;
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file).getName(0).toString();
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }

    private static Map<Path, String> sources() {
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                sources.put(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
