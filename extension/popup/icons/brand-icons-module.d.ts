// The type of the build's generated brand icon module (scripts/build/brand-icons.ts).
declare module 'virtual:keyfob-brand-icons' {
  /** [slug, title, hex colour without #, SVG path in a 24×24 box, aliases] per bundled service. */
  export const BRANDS: readonly (readonly [string, string, string, string, readonly string[]])[];
}
