#!/usr/bin/env node
// Entry of the wheelhouse CLI: only calls in.
import { runCli } from './cli/run.js';

process.exitCode = await runCli(process.argv.slice(2));
