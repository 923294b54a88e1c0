// The dom tests render whole routes against the simulator in-process. On a busy 2-core machine
// a first render can take seconds: findBy*/waitFor wait up to 15 s (a bound, not a delay: they
// return as soon as the screen is right), so a slow machine does not fail a correct screen.
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { checkboxModule } from './ui/checkbox.tsx';
import { dialogModule } from './ui/dialog.tsx';
import { menuModule } from './ui/menu.tsx';
import { selectModule } from './ui/select.tsx';
import { tooltipModule } from './ui/tooltip.tsx';

configure({ asyncUtilTimeout: 15_000 });

// The Radix popups are fetched on first use (decision 0025). When one arrives, every trigger of
// its kind on screen is drawn anew inside Radix, and in a test that arrival lands at a moment
// set by the machine's load: a click on a button looked up just before it reaches a detached
// element and is lost. So each dom test file starts with them loaded, as a page is after its
// first hover. The first-use path has tests of its own (src/ui/lazy-popups.test.tsx and
// lazy-checkbox.test.tsx, which start each test from fresh modules).
beforeAll(async () => {
  await Promise.all([tooltipModule.load(), menuModule.load(), selectModule.load(), dialogModule.load(), checkboxModule.load()]);
});

// What a test rendered is unmounted after it, in every file (Testing Library does this by itself
// only where afterEach is a global, and these tests import it): a page left mounted keeps
// polling after its file's DOM is gone.
afterEach(() => {
  cleanup();
});
