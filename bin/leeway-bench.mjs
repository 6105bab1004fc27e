#!/usr/bin/env node
// `npm run bench -- [NAME...] [--rows N]`
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/run.ts');
await main(process.argv.slice(2));
