export * from "./aanbieders.ts";
export * from "./aanbod.ts";
export * from "./casussen.ts";
export * from "./catalogus.ts";
export * from "./contracten.ts";
export * from "./geografie.ts";
export * from "./toegang.ts";
export * from "./zoeken.ts";
