/**
 * What the tabs of one browser tell each other about the staff session: a log-out (so every tab
 * forgets its token and its cached patients, not only the one where the button was pressed) and
 * activity (so a tab left in the background does not log out a user who is working in another).
 * Only these two facts cross: never a token, never patient data.
 */
export type SessionMessage = { type: 'logout' } | { type: 'activity' };

export interface SessionChannel {
  post(message: SessionMessage): void;
  subscribe(listener: (message: SessionMessage) => void): () => void;
}

const CHANNEL_NAME = 'carebridge-session';

function isSessionMessage(value: unknown): value is SessionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'logout' || type === 'activity';
}

/** The browser's BroadcastChannel between tabs of this origin, or undefined where there is none. */
export function browserSessionChannel(): SessionChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  return {
    post: (message) => channel.postMessage(message),
    subscribe: (listener) => {
      const onMessage = (event: MessageEvent<unknown>) => {
        if (isSessionMessage(event.data)) listener(event.data);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

/** Runs `task` while holding a lock shared by every tab (Web Locks), or directly without them. */
export function withTabLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  return locks.request(name, task) as Promise<T>;
}
