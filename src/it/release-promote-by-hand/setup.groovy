import io.github.octomvn.octopus.testserver.OctopusTestServer
import io.github.octomvn.octopus.testserver.TaskScript

def server = OctopusTestServer.start()
server.addProject('Billing').packageStep('Deploy web', 'Billing.Web')
server.addEnvironment('Test', 'Production', 'Stuck')
server.addTenant('Acme', 'Region/EU')
server.addTenant('Globex', 'Region/US')
server.seedRelease('Billing', '1.4.0')
// Tasks complete on their first poll, so the builds do not wait between polls; Stuck never completes.
server.scriptTasks(TaskScript.queued(0).thenSucceeds())
server.scriptTasks('Stuck', TaskScript.executing(1).logging('Waiting for the database lock').staysThere())
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())
return true
