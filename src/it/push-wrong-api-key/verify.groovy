def server = context.get('octopus')
try {
    def log = new File(basedir, 'build.log').text
    def error = log.readLines().find { it.startsWith('[ERROR]') && it.contains('401') }
    assert error != null
    assert error.contains('401')
    assert error.contains('API key')
    // Under -X other plugins dump the environment (maven-resources-plugin: "properties used"), so the
    // check covers what this plugin's goals print, from their "--- octopus:" header to the next goal's.
    // (Maven 3.6 names the plugin octopus-maven-plugin in that header.)
    def ours = log.split(/(?m)^\[INFO\] --- /).findAll { it =~ /^octopus(-maven-plugin)?:/ }
    assert ours.size() == 2
    ours.each { assert !it.contains('WRONGKEY7Q3ZP0C9XKD2M') : 'the API key leaked into the build log' }
    assert ours.join().contains('[DEBUG]') : 'ran with -X'
    assert server.packages().isEmpty()
    assert server.requests('POST', '.*').isEmpty()
} finally {
    server.close()
}
return true
