/**
 * An Octopus-compatible test server for unit tests and ITs. From a maven-invoker-plugin {@code setup.groovy}
 * (test classpath on), keep the server in the {@code context} map that the hooks of one IT share:
 *
 * <pre>{@code
 * def server = io.github.octomvn.octopus.testserver.OctopusTestServer.start()
 * context.put('octopus', server)
 * context.get('userProperties').put('octopus.serverUrl', server.url().toString())   // passed as -D to the IT build
 * server.failNext(2, 503, 'packages/raw')          // optional faults
 * }</pre>
 *
 * and in {@code verify.groovy}: {@code def server = context.get('octopus'); assert
 * server.storedPackage('MyApp', '1.0.0').isPresent(); server.close()}.
 *
 * <p>Build information ({@code POST/GET /api/Spaces-N/build-information}, also {@code /api/build-information} for
 * the default space; 200 with the mapped resource, 409 under FailIfExists, 400 for a bad PackageId or Version;
 * BuildInformationPush to push, BuildInformationAdminister to replace, FeedView to read):
 *
 * <pre>{@code
 * // setup.groovy: an earlier build of MyApp, so the next one lists commits since c0ffee
 * server.seedBuildInformation('MyApp', '1.0.0', [VcsType: 'Git', VcsCommitNumber: 'c0ffee',
 *         Commits: [[Id: 'c0ffee', Comment: 'first']]])
 * server.failNext(1, 503, 'build-information')     // or dropAfterStoringNextBuildInformation()
 *
 * // verify.groovy
 * def info = server.buildInformation('MyApp', '1.1.0').get()     // StoredBuildInformation
 * assert info.vcsCommitNumber().get() == 'deadbeef' && info.commits().size() == 2
 * assert server.buildInformationWriteCount('MyApp', '1.1.0') == 1
 * def bi = server.requests('POST', 'build-information$')[0].sequence()
 * def pkg = server.requests('POST', 'packages/raw$')[0].sequence()
 * assert bi < pkg                                   // build information arrives before the package
 * }</pre>
 *
 * {@code OctopusTestServer.builder().withoutBuildInformation().start()} is a 2019.8 server without the
 * {@code BuildInformation} link and routes. Two answers some real servers give can be switched on (builder or
 * at run time; {@link io.github.octomvn.octopus.testserver.OctopusTestServer#clearFaults() clearFaults} keeps
 * them): {@code answerNewUploadsWith(200)} answers a new package 200 instead of 201, and
 * {@code answerBuildInformationPushesWith(200, null, '')} answers a successful build-information push with an
 * empty body instead of the record (which is still stored).
 */
package io.github.octomvn.octopus.testserver;
