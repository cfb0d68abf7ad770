/** Raw inflate with node's zlib, as a stream: the CLI's {@link InflateRaw}. */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { InflateRaw } from '../zip';

/** Output pieces of this size: big enough that the per-chunk work is noise, small enough to stay in cache. */
const CHUNK = 64 * 1024;

export const inflateWithZlib: InflateRaw = async function* inflateWithZlib(packed) {
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  const input = Readable.from(packed, { objectMode: false });
  input.on('error', (error) => inflater.destroy(error));
  input.pipe(inflater);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) yield chunk;
  } finally {
    // Stopped early (a limit, or the scan has what it needs): stop reading and inflating.
    input.destroy();
    inflater.destroy();
  }
};
