package io.github.octomvn.octopus.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the OIDC ID token that is exchanged for an Octopus access token comes from: an environment variable that
 * the CI server fills (GitLab {@code id_tokens:}, Jenkins, Azure DevOps, Buildkite, ...), or the GitHub Actions
 * token service, which mints a fresh token for each request. Read from an injected environment, never the process's.
 */
public final class IdTokenSource {

    /** The variable read when none is named: {@value}. */
    public static final String DEFAULT_VARIABLE = "OCTOPUS_ID_TOKEN";

    static final String GITHUB_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
    static final String GITHUB_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    private final String variable;
    private final String value;
    private final URI githubUrl;
    private final String githubRequestToken;

    private IdTokenSource(String variable, String value, URI githubUrl, String githubRequestToken) {
        this.variable = variable;
        this.value = value;
        this.githubUrl = githubUrl;
        this.githubRequestToken = githubRequestToken;
    }

    /**
     * The source this environment offers: the variable {@code variable} when it is set (wherever the build runs),
     * else, on GitHub Actions ({@code GITHUB_ACTIONS=true}), the token service named by
     * {@code ACTIONS_ID_TOKEN_REQUEST_URL} and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}. Fails with the fix when
     * neither is there: on GitHub Actions that is the job's missing {@code id-token: write} permission.
     */
    public static IdTokenSource fromEnvironment(Map<String, String> environment, String variable)
            throws OctopusException {
        Objects.requireNonNull(environment, "environment");
        String name = variable == null || variable.trim().isEmpty() ? DEFAULT_VARIABLE : variable.trim();
        Optional<String> value = get(environment, name);
        if (value.isPresent()) {
            return new IdTokenSource(name, value.get().trim(), null, null);
        }
        boolean github =
                "true".equalsIgnoreCase(get(environment, "GITHUB_ACTIONS").orElse(""));
        if (github) {
            Optional<String> url = get(environment, GITHUB_URL);
            Optional<String> token = get(environment, GITHUB_TOKEN);
            if (url.isEmpty() || token.isEmpty()) {
                throw new OctopusException(
                        OctopusException.Kind.VALIDATION,
                        "No ID token for the OIDC sign-in to Octopus: this GitHub Actions job has no " + GITHUB_URL
                                + " and " + GITHUB_TOKEN + ". Give the job (or workflow) the permission to request"
                                + " one: permissions: id-token: write (and contents: read)");
            }
            URI uri;
            try {
                uri = URI.create(url.get().trim());
            } catch (IllegalArgumentException e) {
                throw new OctopusException(
                        OctopusException.Kind.VALIDATION,
                        GITHUB_URL + " is not a URL; it is set by GitHub Actions and should not be changed");
            }
            return new IdTokenSource(null, null, uri, token.get().trim());
        }
        throw new OctopusException(
                        OctopusException.Kind.VALIDATION,
                        "No ID token for the OIDC sign-in to Octopus: the variable " + name + " is not set. Have the"
                                + " CI server put an ID token whose audience is the service account id into " + name
                                + " (GitLab: id_tokens:), or name the variable that holds it as the ID token variable")
                .blaming(Setting.ID_TOKEN_VARIABLE, null);
    }

    private static Optional<String> get(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.trim().isEmpty());
    }

    /** True when the token comes from the GitHub Actions token service. */
    public boolean isGitHubActions() {
        return githubUrl != null;
    }

    /** Where the token comes from, for the log: {@code GitHub Actions} or {@code the OCTOPUS_ID_TOKEN variable}. */
    public String describe() {
        return isGitHubActions() ? "GitHub Actions" : "the " + variable + " variable";
    }

    /** The token read from a variable; empty for GitHub Actions, whose token is fetched per exchange. */
    Optional<String> fixedToken() {
        return Optional.ofNullable(value);
    }

    /** The request token GitHub Actions gave the job, for redaction and the request header. */
    Optional<String> githubRequestToken() {
        return Optional.ofNullable(githubRequestToken);
    }

    /** The token service URL with {@code audience} added, as the official {@code @actions/core} builds it. */
    URI githubUrl(String audience) {
        String base = githubUrl.toString();
        String separator = base.contains("?") ? "&" : "?";
        return URI.create(base + separator + "audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "IdTokenSource[" + describe() + "]";
    }
}
