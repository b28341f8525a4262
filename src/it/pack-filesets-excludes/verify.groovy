import io.github.octomvn.octopus.it.Archives

def out = new File(basedir, 'target/octopus')
def zipFiles = Archives.zipEntries(new File(out, 'batch-jobs.4.0.0.zip').toPath()).keySet().findAll { !it.endsWith('/') }
assert zipFiles as Set == ['app/lib/core.txt', 'app/run.cfg', 'deploy.sh'] as Set
def tar = Archives.tarEntries(new File(out, 'batch-jobs.4.0.0.tar.gz').toPath())
assert tar.keySet().findAll { !it.endsWith('/') } as Set == zipFiles as Set
assert tar['deploy.sh'] == 0750
return true
