// A small static file server for dist/: `./build.sh serve` runs it, and the browser tests start it
// on a free port. Only files under the root are served; everything else is a 404.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.md': 'text/plain; charset=utf-8',
};

/** Serve `root` on 127.0.0.1:`port` (0: any free port). Resolves to { server, url }. */
export function startServer(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      // no-cache: the browser asks every time, and gets "304 Not Modified" for a file it has (so a
      // rebuilt dist/ is always seen, and an unchanged one is not sent and compiled again)
      const modified = (await stat(file)).mtime.toUTCString();
      const headers = { 'cache-control': 'no-cache', 'last-modified': modified };
      if (req.headers['if-modified-since'] === modified) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = 'dist', port = '8000'] = process.argv.slice(2);
  const { url } = await startServer(root, Number(port));
  console.log(`tinygan: serving ${root}/ at ${url.replace('127.0.0.1', 'localhost')}  (Ctrl-C stops)`);
}
