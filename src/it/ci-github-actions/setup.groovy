import io.github.octomvn.octopus.testserver.OctopusTestServer

def server = OctopusTestServer.start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
// the runner creates both files before the step; the plugin appends to them
new File(basedir, 'step_summary.md').text = ''
new File(basedir, 'github_output.txt').text = 'earlier=step\n'
return true
