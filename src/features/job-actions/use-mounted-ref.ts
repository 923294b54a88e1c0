import { useEffect, useRef, type RefObject } from 'react';

/**
 * True between mount and unmount. An action outlives the row that started it (a virtualised list
 * unmounts rows that scroll away, a graph node goes when its job is retried); what runs after it
 * settles checks this before touching the component's state.
 */
export function useMountedRef(): RefObject<boolean> {
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
