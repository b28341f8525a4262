package io.github.octomvn.octopus.ci;

import java.io.IOException;

/** Where one CI server shows a goal's results and hands outputs to the next steps. */
interface JobPage {
    /** Shows {@code results}; called once per goal execution that did something. */
    void publish(JobResults results) throws IOException;
}
