/**
 * The action's Logger over @actions/core: debug lines only with step debugging on, warnings as
 * `::warning::` annotations. Messages are redacted once more on the way out and escaped
 * (terminal escapes, workflow commands: src/util/log-text.ts).
 */
import * as core from '@actions/core';
import { redactText } from '../index/redact.js';
import type { Logger } from '../util/logger.js';
import { escapeLogText } from '../util/log-text.js';

const out = (message: string): string => escapeLogText(redactText(message));

export const coreLogger: Logger = {
  debug: (m) => core.debug(out(m)),
  info: (m) => core.info(out(m)),
  warn: (m) => core.warning(out(m)),
  error: (m) => core.error(out(m)),
  group: (title, body) => {
    core.startGroup(out(title));
    core.info(out(body));
    core.endGroup();
  },
};
