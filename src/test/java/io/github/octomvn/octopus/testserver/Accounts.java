package io.github.octomvn.octopus.testserver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Who a request is: an {@code X-Octopus-ApiKey} or an {@code Authorization: Bearer} token, and its permissions. */
final class Accounts {

    private final Map<String, Set<Permission>> apiKeys;
    private final Map<String, Set<Permission>> bearerTokens;
    private final Function<String, Optional<Set<Permission>>> issuedTokens;

    Accounts(Map<String, Set<Permission>> apiKeys, Map<String, Set<Permission>> bearerTokens) {
        this(apiKeys, bearerTokens, token -> Optional.empty());
    }

    /** {@code issuedTokens} knows the access tokens the server issued itself (OIDC), valid until they expire. */
    Accounts(
            Map<String, Set<Permission>> apiKeys,
            Map<String, Set<Permission>> bearerTokens,
            Function<String, Optional<Set<Permission>>> issuedTokens) {
        this.apiKeys = Collections.unmodifiableMap(new LinkedHashMap<>(apiKeys));
        this.bearerTokens = Collections.unmodifiableMap(new LinkedHashMap<>(bearerTokens));
        this.issuedTokens = issuedTokens;
    }

    /** The permissions of the request's key or token; empty when it has neither or an unknown one. */
    Optional<Set<Permission>> authenticate(HttpWire.Head head) {
        Optional<String> key = head.header("X-Octopus-ApiKey");
        if (key.isPresent() && apiKeys.containsKey(key.get())) {
            return Optional.of(apiKeys.get(key.get()));
        }
        Optional<String> authorization = head.header("Authorization");
        if (authorization.isPresent() && authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.get().substring(7).trim();
            if (bearerTokens.containsKey(token)) {
                return Optional.of(bearerTokens.get(token));
            }
            return issuedTokens.apply(token);
        }
        return Optional.empty();
    }

    /** The 401 Octopus sends without a valid key. */
    static void unauthorized(Exchange ex) throws java.io.IOException {
        ex.error(401, "You must be logged in to perform this action. Please provide a valid API key or log in again.");
    }
}
