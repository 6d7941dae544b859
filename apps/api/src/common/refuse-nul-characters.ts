import type { NextFunction, Request, Response } from 'express';
import { nestingDepthOver, nulCharacterPaths } from '../../../../libs/domain/src/nul-characters';
import { validationFailed } from './parse-input';

// No command needs more; deeper bodies are refused before anything walks them.
const MAX_JSON_DEPTH = 64;

// Mounted after the JSON parsers: a body nested absurdly deep is refused, and U+0000 in the path, the query or a JSON body is refused with a
// 400 naming where, before any route could hand it to the database (PostgreSQL refuses it in text
// and the query would end in a 500). Raw bodies (plan files, uploads) are checked by their readers.
export function refuseNulCharacters() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!Buffer.isBuffer(req.body) && nestingDepthOver(req.body, MAX_JSON_DEPTH)) {
      const message = `nests lists and objects more than ${MAX_JSON_DEPTH} deep`;
      return next(validationFailed('request', [{ path: 'body', message }]));
    }
    const details = [
      ...(/%00/i.test(req.path) ? [{ path: 'path', message: 'holds the NUL character (U+0000)' }] : []),
      ...nulCharacterPaths(req.query, ['query']).map(at),
      ...(Buffer.isBuffer(req.body) ? [] : nulCharacterPaths(req.body, ['body']).map(at)),
    ];
    next(details.length ? validationFailed('request', details) : undefined);
  };
}

const at = (path: string) => ({ path, message: 'holds the NUL character (U+0000)' });
