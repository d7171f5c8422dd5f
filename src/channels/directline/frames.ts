/**
 * The framing of the Bot Framework streaming protocol, the wire format of Direct Line's streaming
 * socket. Every frame is a 48-byte ASCII header, `T.LLLLLL.<36-character id>.E\n`, followed by at most
 * 4 KiB of payload:
 *
 * - T is the kind: A a request, B a response, S a part of a body stream, X cancel all, C cancel a stream;
 * - LLLLLL the payload's length in bytes, zero-padded;
 * - the id a UUID: a request's, the response's (the request it answers) or a body stream's;
 * - E is 1 on the last frame of that payload or stream and 0 before it.
 *
 * A request's or response's payload is JSON (`{ verb, path, streams }` or `{ statusCode, streams }`),
 * each stream described as `{ id, type, length }`; the streams' bytes follow in S frames of their id.
 */
export const HEADER_BYTES = 48;
export const MAX_PAYLOAD_BYTES = 4096;

export type FrameKind = 'A' | 'B' | 'S' | 'X' | 'C';

export interface FrameHeader {
  kind: FrameKind;
  length: number;
  id: string;
  end: boolean;
}

export interface Frame {
  header: FrameHeader;
  payload: Buffer;
}

export class FrameError extends Error {}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LENGTH = /^\d{6}$/;
const KINDS: ReadonlySet<string> = new Set(['A', 'B', 'S', 'X', 'C']);

/** Reads the header at the start of `bytes` (48 bytes at least). Pure; throws FrameError if malformed. */
export function parseHeader(bytes: Buffer): FrameHeader {
  const text = bytes.toString('latin1', 0, HEADER_BYTES);
  const [kind = '', length = '', id = '', end = ''] = text.split('.');
  if (text.length !== HEADER_BYTES || !KINDS.has(kind) || !LENGTH.test(length) || !ID.test(id)) {
    throw new FrameError('Malformed frame header');
  }
  if (end !== '0\n' && end !== '1\n') throw new FrameError('Malformed frame header');
  const payloadLength = Number(length);
  if (payloadLength > MAX_PAYLOAD_BYTES) throw new FrameError('Frame payload too long');
  return { kind: kind as FrameKind, length: payloadLength, id, end: end === '1\n' };
}

/** The frames that carry a payload: 4 KiB parts, the last one marked as the end. Pure. */
export function encodeFrames(kind: FrameKind, id: string, payload: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  do {
    const part = payload.subarray(start, start + MAX_PAYLOAD_BYTES);
    start += part.length;
    const end = start >= payload.length ? '1' : '0';
    out.push(Buffer.from(`${kind}.${String(part.length).padStart(6, '0')}.${id}.${end}\n`, 'latin1'), part);
  } while (start < payload.length);
  return out;
}

/**
 * Cuts a byte stream into frames. The socket may deliver a frame in pieces or several in one message;
 * at most one incomplete frame (4 KiB and its header) is ever held.
 */
export class FrameReader {
  private held: Buffer = Buffer.alloc(0);

  /** The frames completed by these bytes, in order. Throws FrameError on a malformed header. */
  read(bytes: Buffer): Frame[] {
    let data = this.held.length > 0 ? Buffer.concat([this.held, bytes]) : bytes;
    const frames: Frame[] = [];
    while (data.length >= HEADER_BYTES) {
      const header = parseHeader(data);
      const size = HEADER_BYTES + header.length;
      if (data.length < size) break;
      frames.push({ header, payload: data.subarray(HEADER_BYTES, size) });
      data = data.subarray(size);
    }
    this.held = data.length > 0 ? Buffer.from(data) : Buffer.alloc(0);
    return frames;
  }
}
