package io.github.octomvn.octopus.architecture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What Maven Central requires of the pom, and the release profile that publishes there, so that a later edit cannot
 * silently drop them: Central refuses a bundle without these elements, sources and Javadoc jars, or signatures, and
 * the release is the wrong time to find out.
 */
class PublishingTest {
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();
    private static final String RELEASE = "/project/profiles/profile[id='release']/build/plugins/plugin";

    private static Document pom;

    @BeforeAll
    static void readPom() throws Exception {
        pom = parse(Files.newInputStream(projectFile("pom.xml")));
    }

    @Test
    void pomDeclaresWhatMavenCentralRequires() throws Exception {
        for (String element : List.of(
                "name",
                "description",
                "url",
                "licenses/license/name",
                "licenses/license/url",
                "developers/developer/id",
                "developers/developer/name",
                "scm/connection",
                "scm/developerConnection",
                "scm/url",
                "scm/tag",
                "issueManagement/system",
                "issueManagement/url")) {
            assertThat(text("/project/" + element))
                    .as("<%s> in pom.xml", element)
                    .isNotBlank();
        }
        assertThat(text("/project/licenses/license/name")).isEqualTo("Apache-2.0");
        assertThat(text("/project/scm/connection")).startsWith("scm:git:");
        assertThat(text("/project/scm/developerConnection")).startsWith("scm:git:");
    }

    @Test
    void releaseProfileAttachesSourcesAndJavadocSignsAndPublishesToCentral() throws Exception {
        assertThat(text(RELEASE + "[artifactId='maven-source-plugin']/executions/execution/goals/goal"))
                .isEqualTo("jar-no-fork");
        assertThat(text(RELEASE + "[artifactId='maven-javadoc-plugin']/executions/execution/goals/goal"))
                .isEqualTo("jar");
        assertThat(text(RELEASE + "[artifactId='maven-gpg-plugin']/executions/execution/goals/goal"))
                .isEqualTo("sign");

        String central = RELEASE + "[groupId='org.sonatype.central'][artifactId='central-publishing-maven-plugin']";
        assertThat(text(central + "/extensions"))
                .as("central-publishing-maven-plugin replaces the deploy step only as an extension")
                .isEqualTo("true");
        assertThat(text(central + "/configuration/publishingServerId")).isEqualTo("central");
        assertThat(text(central + "/configuration/autoPublish"))
                .as("a release is published by hand in the Central Portal, after a look at the bundle")
                .isEqualTo("false");
    }

    @Test
    void releaseProfileIsOffUnlessAskedFor() throws Exception {
        assertThat(nodes("/project/profiles/profile[id='release']/activation"))
                .as("activation of the release profile")
                .isEmpty();
    }

    @Test
    void theDefaultBuildNeitherSignsNorPublishesNorBuildsJavadoc() throws Exception {
        assertThat(nodes("/project/build/plugins/plugin/artifactId"))
                .as("plugins of every build (CI runs ./mvnw verify)")
                .doesNotContain(
                        "maven-gpg-plugin",
                        "central-publishing-maven-plugin",
                        "maven-javadoc-plugin",
                        "maven-source-plugin");
    }

    @Test
    void jarsAreReproducible() throws Exception {
        assertThat(text("/project/properties/project.build.outputTimestamp"))
                .as("project.build.outputTimestamp, which fixes the entry times of every jar")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void licenceFileIsTheApacheLicence() throws Exception {
        assertThat(Files.readString(projectFile("LICENSE"), UTF_8))
                .contains("Apache License")
                .contains("Version 2.0, January 2004")
                .contains("END OF TERMS AND CONDITIONS");
    }

    /** A goal added later gets its page in the site's menu, and a goal removed leaves no dead link. */
    @Test
    void siteMenuLinksThePageOfEveryGoal() throws Exception {
        Document plugin;
        try (InputStream in = Objects.requireNonNull(
                PublishingTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml"),
                "target/classes/META-INF/maven/plugin.xml is missing: run the process-classes phase first")) {
            plugin = parse(in);
        }
        List<String> goalPages = new ArrayList<>();
        for (String goal : strings(plugin, "/plugin/mojos/mojo/goal")) {
            goalPages.add(goal + "-mojo.html");
        }
        Document site = parse(Files.newInputStream(projectFile("src/site/site.xml")));
        List<String> menu = strings(site, "/site/body/menu[@name='Goals']/item/@href");

        assertThat(goalPages).as("goals of plugin.xml").isNotEmpty();
        assertThat(menu).as("the Goals menu of src/site/site.xml").containsExactlyInAnyOrderElementsOf(goalPages);
        assertThat(nodes("/project/reporting/plugins/plugin/artifactId"))
                .as("reports of ./mvnw site")
                .contains("maven-plugin-report-plugin");
    }

    private static String text(String xpath) throws XPathExpressionException {
        return XPATH.evaluate(xpath, pom).trim();
    }

    private static List<String> nodes(String xpath) throws XPathExpressionException {
        return strings(pom, xpath);
    }

    private static List<String> strings(Document document, String xpath) throws XPathExpressionException {
        NodeList found = (NodeList) XPATH.evaluate(xpath, document, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            values.add(found.item(i).getTextContent().trim());
        }
        return values;
    }

    /** Without namespaces, so that the XPaths need no prefixes. */
    private static Document parse(InputStream xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = xml) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Path projectFile(String name) {
        // Surefire runs tests in the project directory and also says so in ${basedir}.
        return Paths.get(System.getProperty("basedir", "")).toAbsolutePath().resolve(name);
    }
}
