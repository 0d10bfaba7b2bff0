"use client";
import { useEffect } from "react";
import { isTyping } from "./shortcuts";

/**
 * A console control clicked with the mouse (or a tap) gives its focus back to the page, so the
 * presenter keys act the same whatever was clicked last: Enter after clicking Play advances the
 * class instead of pressing Play again, Space after ticking a checkbox plays the simulation.
 * Text fields keep their focus (typing must work), a select keeps it while its list is open and
 * lets go once a value is picked. Focus reached with Tab is left alone: a keyboard user who tabs
 * to a button still presses it with Enter or Space.
 */
export function useClickLeavesNoFocus(): void {
  useEffect(() => {
    // A click with a pointer has detail ≥ 1; Enter or Space on a focused button clicks with 0.
    let lastPointerAt = -Infinity;
    const onPointerDown = () => { lastPointerAt = performance.now(); };
    const release = (el: Element | null) => {
      if (el instanceof HTMLElement && el !== document.body) el.blur();
    };
    const onClick = (e: MouseEvent) => {
      const el = document.activeElement;
      if (e.detail === 0 && performance.now() - lastPointerAt > 1000) return; // keyboard activation
      if (isTyping(el)) return;
      release(el);
    };
    const onChange = (e: Event) => {
      const el = e.target as HTMLElement | null;
      // A select's value is picked with the pointer; keep keyboard users' focus where it is.
      if (el?.tagName === "SELECT" && performance.now() - lastPointerAt < 10_000) release(el);
    };
    window.addEventListener("pointerdown", onPointerDown, true);
    window.addEventListener("click", onClick);
    window.addEventListener("change", onChange);
    return () => {
      window.removeEventListener("pointerdown", onPointerDown, true);
      window.removeEventListener("click", onClick);
      window.removeEventListener("change", onChange);
    };
  }, []);
}
