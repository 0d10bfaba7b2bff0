"use client";
import { useEffect, useState } from "react";

/**
 * The projector's unit for text drawn on canvases: 1/54 of the screen's height (20 px at
 * 1080p, axis labels readable from the back of the room; scaled at 720p like the CSS's vh).
 */
export function useAxisFont(): number {
  const [px, setPx] = useState(20);
  useEffect(() => {
    const update = () => setPx(Math.max(11, Math.round(window.innerHeight / 54)));
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);
  return px;
}
