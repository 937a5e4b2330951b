// Preload (`node --import`, after bench/register-swc.mjs) for tests of what the CLI evaluates before
// its first request (issue 14 §2 start-up): every ES module loaded from a file records itself as it
// starts evaluating (evaluated-before-connect-hooks.mjs); at the process's first outgoing TCP
// connect the list (and the CommonJS modules loaded so far) is written to $EVALUATED_OUT as JSON
// and the process exits 0 without sending anything.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import net from 'node:net';

register('./evaluated-before-connect-hooks.mjs', import.meta.url);
globalThis.__evaluatedModules ??= [];
const require = createRequire(import.meta.url);

net.Socket.prototype.connect = function firstConnect() {
  writeFileSync(
    process.env.EVALUATED_OUT ?? 'evaluated.json',
    JSON.stringify({ esm: globalThis.__evaluatedModules, cjs: Object.keys(require.cache) }),
  );
  process.exit(0);
};
