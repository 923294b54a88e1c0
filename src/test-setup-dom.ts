// The dom tests render whole routes against the simulator in-process. On a busy 2-core machine
// a first render can take seconds: findBy*/waitFor wait up to 15 s (a bound, not a delay: they
// return as soon as the screen is right), so a slow machine does not fail a correct screen.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });
