assert !new File(basedir, 'target/octopus').exists()
def log = new File(basedir, 'build.log').text
assert log.contains('Skipping (octopus.pack.skip is set)')
return true
