/**
 * `npm run mutate` only: the property tests draw the same cases every run, so a mutant is killed
 * or not by the same cases each time and the first, unmutated run cannot fail by chance.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20_261_201 });
