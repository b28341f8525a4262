import io.github.octomvn.octopus.testserver.OctopusTestServer

// as some real servers do, a stored package (new or replacing) is answered 200, like a kept one
def server = OctopusTestServer.builder().answerNewUploadsWith(200).start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
// someone pushed ledger 1.0.0 before, with other content
def other = server.seedPackage('Spaces-1', 'ledger.1.0.0.zip', 'PK another build of ledger'.bytes)
context.put('seededSha1', other.sha1())
return true
