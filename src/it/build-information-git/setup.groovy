import io.github.octomvn.octopus.testserver.OctopusTestServer
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import org.eclipse.jgit.api.Git
import org.eclipse.jgit.lib.PersonIdent

def server = OctopusTestServer.start()
context.put('octopus', server)
context.get('userProperties').put('octopus.serverUrl', server.url().toString())

// a remote URL with a token in it, as CI checkouts often have: it must never reach Octopus or the log
def origin = 'https://deploy-bot:s3cr3t-t0ken@github.com/example/catalog.git'
def author = new PersonIdent('Dev', 'dev@example.com', new Date(1767225600000L), TimeZone.getTimeZone('UTC'))

def copyProject = { File to ->
    def from = basedir.toPath()
    ['pom.xml', 'src'].each { name ->
        Files.walk(from.resolve(name)).each { path ->
            def target = to.toPath().resolve(from.relativize(path).toString())
            if (Files.isDirectory(path)) {
                Files.createDirectories(target)
            } else {
                Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING)
            }
        }
    }
}
def commit = { Git git, String file, String message ->
    new File(git.repository.workTree, file).text = message + '\n'
    git.add().addFilepattern('.').call()
    git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call().name()
}

def checkout = new File(basedir, 'checkout')
def git = Git.init().setDirectory(checkout).setInitialBranch('main').call()
copyProject(checkout)
def ids = []
ids << commit(git, 'NOTES.md', 'Add the catalog service')
ids << commit(git, 'NOTES.md', 'Add the deployment script')
ids << commit(git, 'NOTES.md', 'Prepare 1.0.0')

// the first build's working copy: a clone at the third commit
def first = new File(basedir, 'first')
def clone = Git.cloneRepository().setURI(checkout.toURI().toString()).setDirectory(first).call()
[clone, git].each { g ->
    def config = g.repository.config
    config.setString('remote', 'origin', 'url', origin)
    config.save()
}
clone.close()

ids << commit(git, 'NOTES.md', 'Fix the price rounding (#12)')
ids << commit(git, 'NOTES.md', 'Cache the catalog for five minutes\n\nThe catalog changes rarely; a short cache halves the load.')
git.close()
context.put('commits', ids)
return true
