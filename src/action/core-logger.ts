/**
 * The action's Logger over @actions/core: debug lines only with step debugging on, warnings as
 * `::warning::` annotations. Messages are redacted once more on the way out.
 */
import * as core from '@actions/core';
import { redactText } from '../index/redact.js';
import type { Logger } from '../util/logger.js';

export const coreLogger: Logger = {
  debug: (m) => core.debug(redactText(m)),
  info: (m) => core.info(redactText(m)),
  warn: (m) => core.warning(redactText(m)),
  error: (m) => core.error(redactText(m)),
};
