import io.github.octomvn.octopus.testserver.OctopusTestServer

def serviceAccount = '0d7c5e3a-9b1f-4c6e-8a2d-5f4e3b2a1c0d'
def idToken = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIn0.aXQtaWQtdG9rZW4'
def server = OctopusTestServer.builder().serviceAccount(serviceAccount, idToken).start()
server.serveGitHubIdTokens('ghs_ItRequestTokenOfTheJob7Q3ZP0C9')
context.put('octopus', server)
context.put('idToken', idToken)
def properties = context.get('userProperties')
properties.put('octopus.serverUrl', server.url().toString())
// The JDK's own proxy settings (Maven sets -D properties as system properties): the GitHub host goes through
// the test server as a proxy, Octopus on 127.0.0.1 is reached directly.
properties.put('http.proxyHost', '127.0.0.1')
properties.put('http.proxyPort', String.valueOf(server.port()))
properties.put('http.nonProxyHosts', 'localhost|127.*')
return true
