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
 */
package io.github.octomvn.octopus.testserver;
