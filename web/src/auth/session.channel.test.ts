import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLINICIAN } from '../test/setup-app';
import { AuthSession } from './session';
import type { SessionChannel, SessionMessage } from './sessionChannel';

/** Two tabs' channels, wired to each other as BroadcastChannel would (a tab does not hear itself). */
function channelPair(): [SessionChannel & { sent: SessionMessage[] }, SessionChannel & { sent: SessionMessage[] }] {
  const listeners: [Set<(m: SessionMessage) => void>, Set<(m: SessionMessage) => void>] = [new Set(), new Set()];
  const make = (self: 0 | 1) => {
    const sent: SessionMessage[] = [];
    return {
      sent,
      post: (message: SessionMessage) => {
        sent.push(message);
        for (const listener of listeners[self === 0 ? 1 : 0]) listener(message);
      },
      subscribe: (listener: (m: SessionMessage) => void) => {
        listeners[self].add(listener);
        return () => listeners[self].delete(listener);
      },
    };
  };
  return [make(0), make(1)];
}

const ok = () => Promise.resolve(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
const signedIn = { accessToken: 'token', user: CLINICIAN };

describe('the session across tabs', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('a log-out in one tab signs the other out too', async () => {
    const [a, b] = channelPair();
    const tabA = new AuthSession(vi.fn(ok), signedIn, a);
    const tabB = new AuthSession(vi.fn(ok), signedIn, b);
    await tabA.logout();
    expect(a.sent).toEqual([{ type: 'logout' }]);
    expect(tabB.getState()).toEqual({ status: 'signedOut', expired: false });
    expect(tabB.accessToken).toBeNull();
  });

  it('shares activity at most every 10 seconds, and hears the other tab’s', () => {
    vi.useFakeTimers();
    const [a, b] = channelPair();
    const tabA = new AuthSession(vi.fn(ok), signedIn, a);
    const tabB = new AuthSession(vi.fn(ok), signedIn, b);
    const heard = vi.fn();
    tabB.onActivityElsewhere(heard);
    tabA.shareActivity();
    tabA.shareActivity();
    vi.advanceTimersByTime(10_000);
    tabA.shareActivity();
    expect(a.sent).toEqual([{ type: 'activity' }, { type: 'activity' }]);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('refreshes under a lock shared by every tab, so two tabs never send the same cookie', async () => {
    const request = vi.fn((_name: string, task: () => Promise<unknown>) => task());
    vi.stubGlobal('navigator', { ...navigator, locks: { request } });
    const session = new AuthSession(vi.fn(ok));
    await session.refresh();
    expect(request).toHaveBeenCalledWith('carebridge-refresh', expect.any(Function));
  });
});
