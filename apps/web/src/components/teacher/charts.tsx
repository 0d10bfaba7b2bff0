"use client";
// The U-curve moved to components/ExperimentPlot.tsx (shared by the console, the projector and
// the report); this path stays for the report's import.
export { ExperimentPlot } from "../ExperimentPlot";
