// A connection to the in-process simulated GitLab for tests that also want to see what the code
// under test asked for.
import type { Sim } from '../../gitlab-sim/index.ts';
import type { Connection } from '../gitlab/index.ts';

/** The simulator at http://sim.test with the write token (or `token`); `seen` gets each request's URL first. */
export function recordingSimConnection(sim: Sim, seen: (url: URL) => void, token = 'glpat-sim-api'): Connection {
  return {
    host: 'http://sim.test',
    token,
    fetch: (input, init) => {
      const request = new Request(input, init);
      seen(new URL(request.url));
      return sim.fetch(request);
    },
  };
}
