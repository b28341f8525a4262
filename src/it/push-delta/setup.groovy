import io.github.octomvn.octopus.testserver.OctopusTestServer

def server = OctopusTestServer.start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())

// The application: a few MB of files that stay the same between 1.0.0 and 1.0.1 (deterministic, so every
// run packs the same bytes).
def random = new Random(13)
def app = new File(basedir, 'app/lib')
app.mkdirs()
(1..4).each { n ->
    def bytes = new byte[1024 * 1024]
    random.nextBytes(bytes)
    new File(app, "module-${n}.bin").bytes = bytes
}
new File(basedir, 'app/config.properties').text = 'port=8080\n'
return true
