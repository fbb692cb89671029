export { createLogger, loggerOptionsFromEnv, REDACTED, setLineFields } from './create-logger';
export type { CreateLoggerOptions, DestinationStream, LogFormat, Logger } from './create-logger';
export { PinoNestLogger } from './nest-logger';
