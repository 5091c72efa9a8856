// Draw only what is in view: fifty cards of gauges and burn-downs cost the
// panel most of its render (docs/performance.md), and a panel shows a
// handful at a time. A card is drawn in full when it comes within a view's
// height of the panel's visible area, and stays drawn (no unmounting: the
// scroll position never jumps back). The cards the panel's first view holds
// are drawn at once, in the first render, so what a person sees first is
// complete; the rest follow as the panel scrolls.
import React, { createContext, useContext, useEffect, useRef, useState } from 'react';

/** The panel's scrolling element: the cards' view. */
export const ScrollRoot = createContext<HTMLElement | null>(null);

/** The narrowest card (the grid's `minmax`) and the grid's gap, in pixels. */
export const CARD_MIN_WIDTH = 260;
export const CARD_GAP = 8;

/**
 * How many cards the first view of a `width` × `height` panel can hold, at
 * least: the grid's columns times the rows of the shortest card
 * (`cardHeight`) that fit. Cards beyond wait for the observer.
 */
export function firstViewCards(width: number, height: number, cardHeight: number): number {
  const columns = Math.max(1, Math.floor((width + CARD_GAP) / (CARD_MIN_WIDTH + CARD_GAP)));
  const rows = Math.max(1, Math.ceil(height / cardHeight));
  return columns * rows;
}

/**
 * `[ref, drawn]`: put `ref` on the card; `drawn` turns true once it comes
 * within a view's height of the panel's view (at once when `initially`, or
 * where there is no IntersectionObserver to ask).
 */
export function useDrawn<T extends HTMLElement>(initially: boolean): [React.RefObject<T>, boolean] {
  const root = useContext(ScrollRoot);
  const ref = useRef<T>(null);
  const [drawn, setDrawn] = useState(initially || typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (drawn || el === null || root === null) {
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setDrawn(true);
          observer.disconnect();
        }
      },
      { root, rootMargin: '100% 0px' }
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [drawn, root]);
  return [ref, drawn];
}
