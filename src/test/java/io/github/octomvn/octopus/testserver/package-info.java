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
 *
 * <p>Releases, deployments and tasks (§7): the executions API ({@code POST releases/create/v1},
 * {@code deployments/create/untenanted/v1} and {@code tenanted/v1}; absent before 2022.3.5512, see
 * {@code builder().withoutExecutionsApi()}), the classic lookups (projects, channels, environments, tenants,
 * releases, deployments) and the tasks ({@code GET tasks/{id}}, {@code tasks?ids=}, {@code /cancel},
 * {@code /raw}). Each poll of a task moves it along the {@link io.github.octomvn.octopus.testserver.TaskScript}
 * of its environment:
 *
 * <pre>{@code
 * // setup.groovy
 * server.addProject('Billing').packageStep('Deploy web', 'Billing.Web').packageStep('Deploy worker', 'Billing.Worker')
 * server.addEnvironment('Dev', 'Test')
 * server.addTenant('Acme', 'Region/EU')
 * server.seedRelease('Billing', '1.3.0')           // an earlier release, every step at 1.3.0
 * server.scriptTasks('Test', TaskScript.queued(1).thenExecuting(3).thenFails('Step 2 failed', 'exit code 1'))
 * server.dropAfterStoringNextRelease()             // or hangAfterStoringNextRelease(), ...NextDeployment()
 *
 * // verify.groovy
 * def release = server.release('Billing', '1.4.0').get()          // StoredRelease
 * assert release.packageVersion('Billing.Web').get() == '1.4.0'
 * def deployment = server.deployments()[0]                        // StoredDeployment
 * assert server.taskState(deployment.taskId()) == 'Success'
 * }</pre>
 *
 * <p>Keyless sign-in (octopus-api.md §1.2): {@code /.well-known/openid-configuration} (switch it off with
 * {@code serveOpenIdConfiguration(false)} to test the {@code /token/v1} fallback), the token exchange, whose access
 * tokens expire by the builder's clock, and a fake GitHub Actions ID token service:
 *
 * <pre>{@code
 * // setup.groovy
 * def server = OctopusTestServer.builder().serviceAccount('0d7c5e3a-...', 'eyJ...the ID token').start()
 * def url = server.serveGitHubIdTokens('ghs_request')   // the value of ACTIONS_ID_TOKEN_REQUEST_URL
 * server.issueAccessTokensFor(300)                      // expires_in of the next access tokens
 *
 * // verify.groovy
 * assert server.tokenExchanges() == 1
 * def token = server.issuedAccessTokens().iterator().next()   // scan logs and files for it
 * }</pre>
 */
package io.github.octomvn.octopus.testserver;
