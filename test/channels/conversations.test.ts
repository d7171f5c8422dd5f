import { describe, it, expect } from 'vitest';
import { ConversationStore, DEFAULT_LIMITS } from '../../src/channels/directline/conversations.js';

describe('ConversationStore', () => {
  it('numbers activities, answers watermarks and keeps only the newest', () => {
    const store = new ConversationStore({ ...DEFAULT_LIMITS, maxActivities: 3 }, () => 0);
    const c = store.getOrCreate('c1');
    expect(c).toBeDefined();
    for (const text of ['a', 'b', 'c', 'd', 'e']) c!.append({ type: 'message', text }, new Date(0));
    expect(c!.since(undefined).activities.map((a) => a.text)).toEqual(['c', 'd', 'e']);
    expect(c!.since('3').activities.map((a) => a.text)).toEqual(['d', 'e']);
    expect(c!.since('5')).toEqual({ activities: [], watermark: '5' });
    expect(c!.since('0').activities.map((a) => a.text)).toEqual(['c', 'd', 'e']);
    expect(c!.since('99').activities).toEqual([]);
    expect(c!.since('-1').activities).toHaveLength(3);
    expect(c!.since(undefined).activities[0]!.id).toBe('c1|0000002');
  });

  it('forgets idle conversations, keeps ones with a socket, and refuses beyond the limit', () => {
    let now = 0;
    const store = new ConversationStore({ ...DEFAULT_LIMITS, idleMs: 1000, maxConversations: 2 }, () => now);
    const a = store.getOrCreate('a')!;
    store.getOrCreate('b');
    expect(store.getOrCreate('c')).toBeUndefined();
    const unsubscribe = a.subscribe(() => undefined);
    now = 5000;
    expect(store.sweep()).toEqual(['b']);
    unsubscribe();
    now = 10_000;
    expect(store.sweep()).toEqual(['a']);
    expect(store.getOrCreate('c')).toBeDefined();
    expect(store.size).toBe(1);
  });

  it('runs turns one at a time, in order, and refuses a flood', async () => {
    const store = new ConversationStore({ ...DEFAULT_LIMITS, maxQueuedTurns: 2 }, () => 0);
    const c = store.getOrCreate('c')!;
    const order: number[] = [];
    const turn = (n: number, ms: number) => () => new Promise<void>((r) => setTimeout(() => (order.push(n), r()), ms));
    const runs = [c.enqueue(turn(1, 30)), c.enqueue(turn(2, 1)), c.enqueue(turn(3, 1))];
    expect(c.enqueue(turn(4, 1))).toBeUndefined();
    await Promise.all(runs);
    expect(order).toEqual([1, 2, 3]);
  });
});
