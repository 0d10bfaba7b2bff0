"use client";
import { useEffect, useState } from "react";

/**
 * The projector's unit for text drawn on canvases: 1/46 of the screen's height (23 px at
 * 1080p, 16 px at 720p: tick labels readable from the back of the room; scaled like the CSS's
 * vh, so 1280×720 looks like 1920×1080).
 */
export function useAxisFont(): number {
  const [px, setPx] = useState(23);
  useEffect(() => {
    const update = () => setPx(Math.max(12, Math.round(window.innerHeight / 46)));
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);
  return px;
}
