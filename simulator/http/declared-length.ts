// A request that declares a body over the profile's limit is refused on the declared length before
// a byte of the body is read, so a client declaring 100 MiB and sending nothing cannot hold the
// connection until the request timeout (body-parser would answer only after reading it all).
// bmcweb checks the Content-Length right after the head (http/http_connection.hpp
// handleContentLengthError, 1d1d7784f7: 413 with keepAlive = false; from 2020-04 to 2024-04 it
// closed such connections unanswered, at its own 30 MiB limit); Bottle refuses on the declared
// length too (BaseRequest._get_body_string: HTTPError 413 when content_length > MEMFILE_MAX,
// before reading). Each profile's own over-limit answer is kept.

import type { NextFunction, Request, Response } from 'express';
import type { Profile } from '../profiles/profile.ts';
import { sendError } from './render.ts';

export function refuseDeclaredOverLimit(profile: Profile) {
  const { limitBytes } = profile.body;
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = req.headers['content-length'];
    // Node has already refused a malformed or repeated Content-Length (400).
    if (declared === undefined || Number(declared) <= limitBytes) {
      next();
      return;
    }
    // The Python server refuses it only where a plugin reads the body, after routing, the session
    // and the content type (rest_dbus.py JsonApiRequestPlugin): its pipeline answers, unread.
    if (profile.routing.auth === 'after-lookup') {
      res.locals.bodyOverLimit = true;
      next();
      return;
    }
    // The unread body must not be taken for the next request: the connection ends with the answer.
    sendError(res, profile, 'payload-too-large', {}, { Connection: 'close' });
  };
}
