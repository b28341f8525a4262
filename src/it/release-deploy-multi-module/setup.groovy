import io.github.octomvn.octopus.testserver.OctopusTestServer
import io.github.octomvn.octopus.testserver.TaskScript

def server = OctopusTestServer.start()
server.addProject('Shop').packageStep('Deploy web', 'shop-web').packageStep('Deploy worker', 'shop-worker')
server.addEnvironment('Dev', 'Test')
// Tasks complete on their first poll, so the build does not wait between polls.
server.scriptTasks('Dev', TaskScript.queued(0).thenSucceeds())
server.scriptTasks('Test', TaskScript.queued(0).thenFails("The step 'Deploy worker' failed",
        'Running deploy.sh', 'deploy.sh: line 3: shop-worker.service: unit not found'))
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
return true
