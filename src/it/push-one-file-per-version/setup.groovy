import io.github.octomvn.octopus.testserver.OctopusTestServer

def server = OctopusTestServer.start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
return true
