import io.github.octomvn.octopus.it.Archives

def out = new File(basedir, 'target/octopus')
def war = new File(out, 'Shop.Web.2.3.1.war')
def tgz = new File(out, 'Shop.Web.2.3.1.tar.gz')
assert war.isFile() && tgz.isFile()
// the artifact format is the war itself, byte for byte
assert war.bytes == new File(basedir, 'target/shop-web-2.3.1.RELEASE.war').bytes
def entries = Archives.tarEntries(tgz.toPath())
assert entries.keySet().containsAll(['shop-web-2.3.1.RELEASE.war', 'PostDeploy.sh', 'NOTES.txt'])
assert (entries['PostDeploy.sh'] & 0111) == 0111   // still executable
assert (entries['NOTES.txt'] & 0111) == 0   // not executable (group bits depend on the checkout's umask)
return true
