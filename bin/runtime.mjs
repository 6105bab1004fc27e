// How the `leeway` and `leeway-bench` processes run: tsx's loader for the TypeScript sources, and
// one setting of the JavaScript engine's collector, chosen by measurement.
//
// Allocation-site pretenuring off: when objects from one place in the code survive a few young
// collections, the engine starts allocating that place's objects straight in the old generation.
// A placement import briefly holds a few thousand parsed rows while the database catches up; on
// about one run in three that was enough to pretenure the rows, which then filled the old
// generation and cost full collections for the rest of the file (300,000 rows: 725 MB promoted
// instead of 230 MB, and about a tenth more CPU). Objects now always start young.
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

v8.setFlagsFromString('--no-allocation-site-pretenuring');
register();
