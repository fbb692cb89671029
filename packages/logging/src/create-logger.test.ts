import { createLogger, loggerOptionsFromEnv, REDACTED, setLineFields, type Logger } from './create-logger';
import { PinoNestLogger } from './nest-logger';
import { captureLogs } from './testing';

describe('createLogger', () => {
  it('writes JSON lines with an ISO time, a level word and the service name', () => {
    const logs = captureLogs();
    createLogger({ service: 'api', destination: logs.stream }).info({ requestId: 'r1' }, 'hello');
    const [line] = logs.lines();
    expect(line).toMatchObject({ level: 'info', service: 'api', requestId: 'r1', msg: 'hello' });
    expect(new Date(line!.time!).toISOString()).toBe(line!.time);
  });

  it('redacts passwords, tokens, cookies and authorisation headers at any depth it is given', () => {
    const logs = captureLogs();
    createLogger({ service: 'api', destination: logs.stream }).info(
      {
        password: 'top-secret-1',
        variables: { input: { email: 'a@example.org', password: 'top-secret-2', token: 'reset-token-3' } },
        req: { headers: { cookie: 'lena_access=cookie-4', authorization: 'Bearer bearer-5', 'x-csrf-token': 'csrf-6', 'user-agent': 'jest' } },
        res: { headers: { 'set-cookie': 'lena_refresh=refresh-7' } },
        refreshToken: 'refresh-8',
      },
      'request',
    );
    const [raw] = logs.raw;
    for (const secret of ['top-secret-1', 'top-secret-2', 'reset-token-3', 'cookie-4', 'bearer-5', 'csrf-6', 'refresh-7', 'refresh-8']) {
      expect(raw).not.toContain(secret);
    }
    const [line] = logs.lines();
    expect(line?.variables).toEqual({ input: { email: 'a@example.org', password: REDACTED, token: REDACTED } });
    expect(line?.req).toEqual({ headers: { cookie: REDACTED, authorization: REDACTED, 'x-csrf-token': REDACTED, 'user-agent': 'jest' } });
  });

  it('redacts deeper than four levels, whatever the case of the key, inside errors and child bindings', () => {
    const logs = captureLogs();
    const failure = Object.assign(new Error('upstream refused'), { request: { headers: { Authorization: 'Bearer bearer-9' } } });
    createLogger({ service: 'api', destination: logs.stream })
      .child({ job: { token: 'binding-10' } })
      .error({ a: { b: { c: { d: { e: { Password: 'deep-11' } } } } }, list: [{ refreshToken: 'listed-12' }], err: failure }, 'failed');
    const [raw] = logs.raw;
    for (const secret of ['bearer-9', 'binding-10', 'deep-11', 'listed-12']) expect(raw).not.toContain(secret);
    const [line] = logs.lines();
    expect(line?.err).toMatchObject({ message: 'upstream refused', request: { headers: { Authorization: REDACTED } } });
    expect(line?.list).toEqual([{ refreshToken: REDACTED }]);
    expect(line?.job).toEqual({ token: REDACTED });
  });

  it('adds line fields to every later line of that logger only', () => {
    const logs = captureLogs();
    const root = createLogger({ service: 'api', destination: logs.stream });
    const request = root.child({ requestId: 'r1' });
    request.info('before');
    setLineFields(request, { tenantId: null, userId: null });
    setLineFields(request, { tenantId: 't1', userId: 'u1' });
    request.info('after');
    root.info('elsewhere');
    expect(logs.raw[1]?.match(/"tenantId"/g)).toHaveLength(1);
    expect(logs.lines().map(({ msg, requestId, tenantId, userId }) => ({ msg, requestId, tenantId, userId }))).toEqual([
      { msg: 'before', requestId: 'r1', tenantId: undefined, userId: undefined },
      { msg: 'after', requestId: 'r1', tenantId: 't1', userId: 'u1' },
      { msg: 'elsewhere', requestId: undefined, tenantId: undefined, userId: undefined },
    ]);
  });

  it('writes nothing below its level', () => {
    const logs = captureLogs();
    const logger = createLogger({ service: 'worker', level: 'warn', destination: logs.stream });
    logger.info('quiet');
    logger.warn('loud');
    expect(logs.lines().map((line) => line.msg)).toEqual(['loud']);
  });
});

describe('loggerOptionsFromEnv', () => {
  it('is pretty in development and JSON elsewhere unless told', () => {
    expect(loggerOptionsFromEnv({ NODE_ENV: 'development' }, 'api').format).toBe('pretty');
    expect(loggerOptionsFromEnv({ NODE_ENV: 'production' }, 'api').format).toBe('json');
    expect(loggerOptionsFromEnv({ NODE_ENV: 'development', LENA_LOG_FORMAT: 'json' }, 'api').format).toBe('json');
  });

  it('refuses a format or level it does not know', () => {
    expect(() => loggerOptionsFromEnv({ LENA_LOG_FORMAT: 'xml' }, 'api')).toThrow(/LENA_LOG_FORMAT/);
    expect(() => loggerOptionsFromEnv({ LENA_LOG_LEVEL: 'loud' }, 'api')).toThrow(/LENA_LOG_LEVEL/);
  });
});

describe('PinoNestLogger', () => {
  it("maps Nest's levels and context, and keeps an error's stack", () => {
    const logs = captureLogs();
    const nest = new PinoNestLogger(createLogger({ service: 'api', level: 'trace', destination: logs.stream }));
    nest.log('Mapped {/graphql, POST}', 'RoutesResolver');
    nest.verbose('detail', 'Scanner');
    nest.error(new Error('boom'), 'GraphQL');
    nest.error('Shutdown failed', 'Error: x\n    at y (z.js:1:1)', 'Worker');
    const lines = logs.lines();
    expect(lines[0]).toMatchObject({ level: 'info', context: 'RoutesResolver', msg: 'Mapped {/graphql, POST}' });
    expect(lines[1]).toMatchObject({ level: 'trace', context: 'Scanner', msg: 'detail' });
    expect(lines[2]).toMatchObject({ level: 'error', context: 'GraphQL', msg: 'boom', err: { type: 'Error', message: 'boom' } });
    expect(lines[3]).toMatchObject({ level: 'error', context: 'Worker', msg: 'Shutdown failed', stack: expect.stringContaining('at y') });
  });

  it('writes through the logger of the work in progress when there is one', () => {
    const logs = captureLogs();
    const root = createLogger({ service: 'worker', destination: logs.stream });
    let current: Logger | undefined = root.child({ jobId: '42' });
    const nest = new PinoNestLogger(root, () => current);
    nest.log('inside', 'Job');
    current = undefined;
    nest.log('outside', 'Job');
    expect(logs.lines().map((line) => [line.msg, line.jobId])).toEqual([
      ['inside', '42'],
      ['outside', undefined],
    ]);
  });
});
