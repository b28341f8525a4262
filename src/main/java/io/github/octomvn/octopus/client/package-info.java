/**
 * How Octopus is spoken to: the HTTP client, spaces, package upload and (later) build information. Knows
 * nothing of Maven.
 *
 * <pre>{@code
 * ServerSettings settings = ServerSettings.builder("https://octopus.example.com", Credential.apiKey(key))
 *         .userAgent("octopus-maven-plugin/" + version)
 *         .build();
 * try (OctopusClient client = OctopusClient.connect(settings, Sleeper.system(), Clock.systemUTC(), log::warn)) {
 *     Space space = client.resolveSpace(Optional.ofNullable(spaceSetting));
 *     UploadResult result = client.upload(space, packageFile, OverwriteMode.FailIfExists, listener);
 *     log.info(result.describe() + " " + result.webUrl());
 * } catch (OctopusException e) {
 *     throw new MojoFailureException(e.getMessage(), e); // one line, no secret, with the fix
 * }
 * }</pre>
 */
package io.github.octomvn.octopus.client;
