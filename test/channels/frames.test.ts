import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HeaderSerializer } from 'botframework-streaming/lib/payloads/headerSerializer.js';
import {
  encodeFrames,
  FrameError,
  FrameReader,
  HEADER_BYTES,
  MAX_PAYLOAD_BYTES,
  parseHeader,
} from '../../src/channels/directline/frames.js';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the streaming protocol frame header', () => {
  it('reads the header the protocol library writes', () => {
    const written = Buffer.alloc(HEADER_BYTES);
    HeaderSerializer.serialize({ payloadType: 'A', payloadLength: 321, id: ID, end: true }, written);
    expect(parseHeader(written)).toEqual({ kind: 'A', length: 321, id: ID, end: true });
  });

  it('writes headers the protocol library reads, in 4 KiB parts with the end on the last', () => {
    const payload = Buffer.alloc(MAX_PAYLOAD_BYTES * 2 + 10, 'x');
    const frames = encodeFrames('S', ID, payload);
    const headers = frames.filter((_, i) => i % 2 === 0).map((h) => HeaderSerializer.deserialize(h));
    expect(headers.map((h) => [h.payloadType, h.payloadLength, h.id, h.end])).toEqual([
      ['S', 4096, ID, false],
      ['S', 4096, ID, false],
      ['S', 10, ID, true],
    ]);
    expect(Buffer.concat(frames.filter((_, i) => i % 2 === 1))).toEqual(payload);
  });

  it('sends a payload of exactly 4 KiB as one frame', () => {
    const frames = encodeFrames('B', ID, Buffer.alloc(MAX_PAYLOAD_BYTES));
    expect(frames).toHaveLength(2);
    expect(parseHeader(frames[0]!)).toMatchObject({ length: MAX_PAYLOAD_BYTES, end: true });
  });

  it.each([
    ['an unknown kind', `Q.000010.${ID}.1\n`],
    ['a length that is not six digits', `A.00001x.${ID}.1\n`],
    ['a payload over 4 KiB', `A.004097.${ID}.1\n`],
    ['an id that is not a UUID', `A.000010.${'z'.repeat(36)}.1\n`],
    ['an end flag that is not 0 or 1', `A.000010.${ID}.2\n`],
    ['no terminating newline', `A.000010.${ID}.1x`],
    ['a misplaced delimiter', `A-000010.${ID}.1\n`],
  ])('refuses %s', (_name, header) => {
    expect(() => parseHeader(Buffer.from(header, 'latin1'))).toThrow(FrameError);
  });
});

describe('FrameReader', () => {
  const frame = (kind: 'A' | 'S', text: string, id = randomUUID()) => ({
    id,
    bytes: Buffer.concat(encodeFrames(kind, id, Buffer.from(text))),
  });

  it('reads several frames from one message', () => {
    const a = frame('A', '{"verb":"POST"}');
    const s = frame('S', 'hello');
    const frames = new FrameReader().read(Buffer.concat([a.bytes, s.bytes]));
    expect(frames.map((f) => [f.header.kind, f.header.id, f.payload.toString()])).toEqual([
      ['A', a.id, '{"verb":"POST"}'],
      ['S', s.id, 'hello'],
    ]);
  });

  it('joins a frame that arrives in pieces, header and payload split anywhere', () => {
    const { id, bytes } = frame('S', 'один кадр, 一个帧');
    const reader = new FrameReader();
    const cuts = [0, 10, 47, 49, bytes.length];
    const seen = cuts.slice(1).flatMap((end, i) => reader.read(bytes.subarray(cuts[i], end)));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.header.id).toBe(id);
    expect(seen[0]!.payload.toString('utf8')).toBe('один кадр, 一个帧');
  });

  it('throws on a malformed header rather than guessing where the next frame starts', () => {
    expect(() => new FrameReader().read(Buffer.from('x'.repeat(HEADER_BYTES)))).toThrow(FrameError);
  });
});
