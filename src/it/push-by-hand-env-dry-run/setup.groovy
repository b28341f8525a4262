import io.github.octomvn.octopus.testserver.OctopusTestServer

def server = OctopusTestServer.start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
// by name, in another case than the server's "Team B", and with a blank in it
context.get('userProperties').put('octopus.space', 'team b')
// a stale package of an older build in the same folder: pushing by hand must not pick it up
def stale = new File(basedir, 'target/octopus/billing-api.3.0.9.zip')
stale.parentFile.mkdirs()
stale.bytes = 'PK old'.bytes
return true
