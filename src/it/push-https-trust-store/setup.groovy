import io.github.octomvn.octopus.testserver.OctopusTestServer
import io.github.octomvn.octopus.testserver.TestCertificates

def tls = new File(basedir, 'tls')
tls.mkdirs()
def certificates = TestCertificates.create(tls.toPath(), 'ip:127.0.0.1')
def server = OctopusTestServer.builder().tls(certificates.keyStore(), TestCertificates.PASSWORD).start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
return true
