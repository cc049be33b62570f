import { describe, expect, test } from 'vitest'
import { classifyOauthFailure } from '../../src/oauth/oauth-failure.js'

describe('classifyOauthFailure', () => {
  const cases: [string, number, unknown, string][] = [
    ['RFC invalid grant', 400, { error: 'invalid_grant' }, 'invalid_grant'],
    [
      'platform invalid grant',
      400,
      { statusCode: 400, message: 'Invalid grant: refresh token is invalid' },
      'invalid_grant',
    ],
    [
      'mixed invalid grant',
      400,
      {
        statusCode: 400,
        message: 'Invalid grant: refresh token is invalid',
        error: 'invalid_grant',
        error_description: 'Invalid grant: refresh token is invalid',
      },
      'invalid_grant',
    ],
    [
      'inactive location',
      400,
      { statusCode: 400, message: 'Location is not active' },
      'suspended',
    ],
    [
      'inactive location in RFC form',
      400,
      { error: 'invalid_grant', error_description: 'Location is not active' },
      'suspended',
    ],
    [
      'missing client id',
      400,
      { statusCode: 400, message: 'Missing parameter: clientId' },
      'config_invalid',
    ],
    [
      'empty grant type',
      422,
      { statusCode: 422, message: ['grant_type should not be empty'] },
      'config_invalid',
    ],
    [
      'bad client secret',
      401,
      {
        statusCode: 401,
        message: 'Invalid client: client credentials are invalid',
        error: 'Unauthorized',
      },
      'config_invalid',
    ],
    [
      'rejected bearer token',
      401,
      { statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' },
      'unauthorized',
    ],
    [
      'wrong tenant',
      403,
      {
        statusCode: 403,
        message: 'The token does not have access to this location',
      },
      'forbidden',
    ],
    ['server error', 500, 'Internal Server Error', 'unavailable'],
    [
      'rate limit',
      429,
      { statusCode: 429, message: 'Too many requests' },
      'unavailable',
    ],
  ]

  test.each(cases)('classifies %s', (_name, status, body, kind) => {
    expect(classifyOauthFailure(status, body).kind).toBe(kind)
  })

  test('keeps trace id', () => {
    const failure = classifyOauthFailure(422, {
      statusCode: 422,
      message: ['grant_type should not be empty'],
      traceId: 'tr_1',
    })

    expect(failure.traceId).toBe('tr_1')
    expect(failure.message).toBe('grant_type should not be empty')
  })
})
