package io.github.octomvn.octopus.ci;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns git clone URLs into browsable repository URLs and removes credentials from any URL. */
public final class VcsUrls {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$", Pattern.DOTALL);
    // git's scp-like syntax: [user@]host:path, where a one-letter "host" is a Windows drive, not a host.
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?([^@/:\\\\]{2,}):(.+)$");
    private static final Pattern MAVEN_SCM_PREFIX = Pattern.compile("^scm:[A-Za-z0-9]+:");
    private static final Pattern USER_INFO_IN_TEXT = Pattern.compile("(?<=://)[^/?#\\s]*@");

    private VcsUrls() {}

    /**
     * The URL with any user information ({@code user:token@}) removed from its authority; everything else is kept,
     * so build URLs keep their query. Text that is not a {@code scheme://} URL is returned unchanged.
     */
    public static String withoutCredentials(String url) {
        Matcher m = SCHEME.matcher(url.trim());
        if (!m.matches()) {
            return url.trim();
        }
        String rest = m.group(2);
        int authorityEnd = authorityEnd(rest);
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return url.trim();
        }
        return m.group(1) + "://" + authority.substring(at + 1) + rest.substring(authorityEnd);
    }

    /** Free text (such as an error message) with the user information of every URL in it replaced by nothing. */
    public static String redactCredentials(String text) {
        return USER_INFO_IN_TEXT.matcher(text).replaceAll("");
    }

    /**
     * The web address of the repository a clone URL points to, e.g. {@code git@github.com:org/repo.git} becomes
     * {@code https://github.com/org/repo}. Credentials, ssh ports, query, trailing {@code .git} and {@code /} are
     * dropped; a Maven {@code scm:git:} prefix is accepted. Empty for local paths, {@code file:} URLs and text that
     * is no URL.
     */
    public static Optional<String> browsable(String url) {
        String text = url.trim();
        Matcher prefix = MAVEN_SCM_PREFIX.matcher(text);
        if (prefix.find()) {
            text = text.substring(prefix.end());
        }
        Matcher m = SCHEME.matcher(text);
        if (m.matches()) {
            return fromSchemeUrl(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        Matcher scp = SCP_LIKE.matcher(text);
        if (scp.matches()) {
            return assemble("https", scp.group(1), stripQuery(scp.group(2)));
        }
        return Optional.empty();
    }

    private static Optional<String> fromSchemeUrl(String scheme, String rest) {
        int authorityEnd = authorityEnd(rest);
        String authority = rest.substring(0, authorityEnd);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String path = stripQuery(rest.substring(authorityEnd));
        switch (scheme) {
            case "http":
            case "https":
                return assemble(scheme, authority, path);
            case "ssh":
            case "git+ssh":
            case "ssh+git":
            case "git":
                // The ssh or git port says nothing about where the web UI listens.
                return assemble("https", withoutPort(authority), path);
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> assemble(String scheme, String host, String rawPath) {
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String path = trimPath(rawPath);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String bareHost = withoutPort(host).toLowerCase(Locale.ROOT);
        // Azure DevOps ssh remotes use a different path layout from its web URLs.
        if (bareHost.equals("ssh.dev.azure.com") && path.startsWith("v3/")) {
            String[] parts = path.substring(3).split("/", 3);
            if (parts.length == 3) {
                return Optional.of("https://dev.azure.com/" + parts[0] + "/" + parts[1] + "/_git/" + parts[2]);
            }
        }
        if (bareHost.equals("vs-ssh.visualstudio.com") && path.startsWith("v3/")) {
            String[] parts = path.substring(3).split("/", 3);
            if (parts.length == 3) {
                return Optional.of("https://" + parts[0] + ".visualstudio.com/" + parts[1] + "/_git/" + parts[2]);
            }
        }
        return Optional.of(scheme + "://" + host + "/" + path);
    }

    private static String trimPath(String path) {
        String p = path;
        boolean changed = true;
        while (changed) {
            changed = false;
            while (p.startsWith("/")) {
                p = p.substring(1);
                changed = true;
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
                changed = true;
            }
            if (p.endsWith(".git")) {
                p = p.substring(0, p.length() - 4);
                changed = true;
            }
        }
        return p;
    }

    private static int authorityEnd(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return rest.length();
    }

    private static String stripQuery(String path) {
        int end = path.length();
        int q = path.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int f = path.indexOf('#');
        if (f >= 0 && f < end) {
            end = f;
        }
        return path.substring(0, end);
    }

    private static String withoutPort(String authority) {
        int bracket = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        return colon > bracket ? authority.substring(0, colon) : authority;
    }
}
