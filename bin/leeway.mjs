#!/usr/bin/env node
// The `leeway` command. Sources are TypeScript, run through tsx's loader (runtime.mjs).
import './runtime.mjs';

const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
