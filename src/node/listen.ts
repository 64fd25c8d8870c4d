import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` on `host:port` and resolves with its base URL (`http://127.0.0.1:8787`).
 * A busy or forbidden port rejects with a message that says what to do.
 */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `port ${port} is already in use on ${host}; stop what runs there or choose another port`,
          ),
        );
      } else if (error.code === 'EACCES') {
        reject(new Error(`not allowed to listen on ${where}; choose a port above 1023`));
      } else if (error.code === 'EADDRNOTAVAIL') {
        reject(new Error(`cannot bind ${where}: no such local address`));
      } else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const name = address.address.includes(':') ? `[${address.address}]` : address.address;
      resolve(`http://${name}:${address.port}`);
    });
  });
}

/**
 * Stops accepting connections and resolves once open ones are done (forced after `graceMs`).
 * Keep-alive connections are closed as soon as their request under way is answered, rather
 * than after the keep-alive timeout.
 */
export function closeServer(server: Server, graceMs = 3_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
