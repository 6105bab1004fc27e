#!/usr/bin/env node
// `npm run bench -- [NAME...] [--rows N]`
import './runtime.mjs';

const { main } = await import('../bench/run.ts');
await main(process.argv.slice(2));
