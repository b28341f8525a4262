/**
 * How Octopus is spoken to, and nothing else: server settings, the HTTP client and JSON, credentials, TLS and
 * proxies, retries, error bodies, spaces and capabilities. Knows nothing of Maven and of any one feature; the
 * features ({@code feed}, {@code buildinfo}, ...) work through an {@link io.github.octomvn.octopus.client.OctopusClient}.
 *
 * <pre>{@code
 * ServerSettings settings = ServerSettings.builder("https://octopus.example.com", Credential.apiKey(key))
 *         .userAgent("octopus-maven-plugin/" + version)
 *         .build();
 * try (OctopusClient client = OctopusClient.connect(settings, Sleeper.system(), Clock.systemUTC(), log::warn)) {
 *     Space space = client.resolveSpace(Optional.ofNullable(spaceSetting));
 *     UploadResult result = BuiltInFeed.of(client).upload(space, packageFile, OverwriteMode.FailIfExists, listener);
 *     log.info(result.describe() + " " + result.webUrl());
 * }
 * }</pre>
 *
 * The connections of one build share a {@link io.github.octomvn.octopus.client.KnownServers} (the last argument of
 * {@code connect}), so that the root document, each space and an OIDC access token are asked for once per server
 * and credential.
 */
package io.github.octomvn.octopus.client;
