import io.github.octomvn.octopus.it.Archives
import java.util.zip.ZipEntry

def zip = new File(basedir, 'target/octopus/orders-service.1.2.3.zip')
assert zip.isFile()
def entries = Archives.zipEntries(zip.toPath())
assert entries.keySet().containsAll(['orders-service-1.2.3.jar', 'deploy.sh', 'config/application.properties'])
// a jar is already compressed: stored, not deflated again
assert entries['orders-service-1.2.3.jar'] == ZipEntry.STORED
assert entries['deploy.sh'] == ZipEntry.DEFLATED
// 17 bytes, which deflate would not shrink: stored, as zip stores it
assert entries['config/application.properties'] == ZipEntry.STORED
// no temp files left behind
assert new File(basedir, 'target/octopus').list().toList() == ['orders-service.1.2.3.zip']
def log = new File(basedir, 'build.log').text
// Plexus names the hidden temporary file ("Building zip: …/.X.zip.tmp-…"): only the final name is logged
assert !log.contains('Building zip') && !log.contains('.tmp-')
assert log =~ /Packed orders-service\.1\.2\.3\.zip \([0-9.]+ KiB, \d+ entries, sha1 [0-9a-f]{40}\)/
return true
