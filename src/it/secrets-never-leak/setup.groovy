import io.github.octomvn.octopus.testserver.OctopusTestServer
import io.github.octomvn.octopus.testserver.Permission

def token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLTQyNDI.Zm9vYmFy'
def server = OctopusTestServer.builder().addBearerToken(token, Permission.values()).start()
context.put('octopus', server)
context.put('token', token)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
return true
