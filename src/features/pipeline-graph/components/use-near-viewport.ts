import { startTransition, useEffect, useState, type RefObject } from 'react';

// One observer for every node: a graph can hold a thousand of them.
let shared: IntersectionObserver | null = null;
const callbacks = new WeakMap<Element, () => void>();

function observer(): IntersectionObserver {
  shared ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        callbacks.get(entry.target)?.();
        callbacks.delete(entry.target);
        shared?.unobserve(entry.target);
      }
    },
    { rootMargin: '300px' },
  );
  return shared;
}

/**
 * True once the element has come near the viewport (and stays true). Where the browser has no
 * IntersectionObserver (jsdom), it is true at once.
 */
export function useNearViewport(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    // In a transition: the nodes on screen mount their actions (each a set of queries and
    // mutation hooks) in an interruptible render after the graph has been painted, not in one
    // block that holds the first frame of a big graph.
    callbacks.set(element, () => startTransition(() => setNear(true)));
    const io = observer();
    io.observe(element);
    return () => {
      callbacks.delete(element);
      io.unobserve(element);
    };
  }, [near, ref]);
  return near;
}
