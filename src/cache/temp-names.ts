/**
 * The names of wheelhouse's temporary siblings within the 255-byte name limit. The pure name
 * functions live in util/temp-names.ts so the index layer (below cache) can use them too
 * (index/file-download.ts); the cache's files keep importing them from here.
 */
export { leadingBytes, NAME_MAX_BYTES, randomTag, tempSiblingName } from '../util/temp-names.js';
