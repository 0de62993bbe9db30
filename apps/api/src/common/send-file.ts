import send from '@fastify/send';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a file under `root` (`relative` is a path inside it, not URL-encoded) with its content type,
 * ETag, Last-Modified, conditional GET and ranges, like Express's `res.sendFile`. Paths that leave
 * `root` or name no file: `onMissing`.
 */
export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  root: string,
  relative: string,
  cacheControl: string,
  onMissing: () => void = () => void reply.code(404).type('text/plain; charset=utf-8').send('文件不存在'),
): Promise<void> {
  const path = '/' + relative.split(/[\\/]/).filter((part) => part.length > 0).map(encodeURIComponent).join('/');
  const result = await send(request.raw, path, { root, cacheControl: false, dotfiles: 'deny', index: false });
  if (result.type !== 'file') {
    onMissing();
    return;
  }
  reply.code(result.statusCode).headers(result.headers).header('Cache-Control', cacheControl).send(result.stream);
}
