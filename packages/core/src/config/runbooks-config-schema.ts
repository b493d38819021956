import { z } from 'zod';
import { safeHttpUrl } from '../text/safe-http-url.js';

/** `runbooks`: your runbooks and where they are published. */
export const runbooksConfigSchema = z
  .strictObject({
    directory: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe(
        'Directory (or list of directories and files) of YAML/JSON runbooks, relative to the working directory. Yours replace defaults with the same id.',
      ),
    baseUrl: z
      .string()
      .refine((url) => safeHttpUrl(url.replaceAll('{id}', 'id')) !== undefined, {
        message: 'expected an absolute http(s) URL, e.g. https://runbooks.example.com/mcp/',
      })
      .optional()
      .describe(
        'Where runbooks are published; alert notifications link to <baseUrl>/<id>, or replace {id} in it. Default: no link.',
      ),
    defaults: z
      .boolean()
      .optional()
      .describe(
        'Include the default runbooks (dependency failure, high error rate, slow performance). Default true.',
      ),
  })
  .describe('Runbooks linked from alerts by id.');
