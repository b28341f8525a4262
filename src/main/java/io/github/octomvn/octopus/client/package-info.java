/**
 * How Octopus is spoken to: the HTTP client, spaces, package upload and build information. Knows nothing of
 * Maven.
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
 *
 * <p>Build information goes first, one request per package ID (§6, §9 step 4):
 *
 * <pre>{@code
 * Optional<String> anchor = client.previousBuildInformation(space, packageId, version)   // 403 -> empty + warning
 *         .flatMap(r -> r.buildInformation().vcsCommitNumber());
 * BuildInformationRequest request = new BuildInformationRequest(packageId, version, "FailIfExists", info);
 * try {
 *     log.info(client.pushBuildInformation(space, request).describe());   // CREATED, IDENTICAL on a re-run, ...
 * } catch (OctopusException e) {
 *     if (e.kind() != OctopusException.Kind.UNSUPPORTED_SERVER) throw e;  // before 2019.9.0: warn and go on
 *     log.warn(e.getMessage());
 * }
 * }</pre>
 */
package io.github.octomvn.octopus.client;
