/**
 * With `--enable-source-maps` (how production runs the bundles), Node reads a bundle's source
 * map at load but parses it the first time a stack trace is read: about 0.3 s for the gateway's
 * 21 MB map, during which the event loop serves nothing. That first read otherwise comes with the
 * first error whose stack anything touches (a subgraph's 500, an idle keep-alive socket closing),
 * in the middle of traffic. `serveHttp` calls this before it listens, so the parse happens while
 * the service is not yet ready. Answers whether it read a stack (only with source maps enabled).
 */
export function warmSourceMaps(enabled: boolean = process.sourceMapsEnabled): boolean {
  if (!enabled) return false;
  // Created here, in the bundle: reading its stack maps this file's frames, parsing its map.
  void new Error('source map warm-up').stack;
  return true;
}
